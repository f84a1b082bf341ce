import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  await globalThis.__embeddedPg?.stop();
  if (globalThis.__embeddedPgDir) rmSync(globalThis.__embeddedPgDir, { recursive: true, force: true });
}
