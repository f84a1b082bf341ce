// The project's own source files, for the unit tests that read the tree (import graph, lock keys, case writes).
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every TypeScript file under `dir` whose name ends with `suffix` (declaration files left out), specs included. */
export function filesUnder(dir: string, suffix = '.ts'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, suffix);
    return entry.name.endsWith(suffix) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The source files under `dir`, specs left out. */
export function sourceFiles(dir: string): string[] {
  return filesUnder(dir).filter((file) => !file.endsWith('.spec.ts'));
}
