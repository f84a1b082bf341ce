// Command-line flags of the benchmark scripts: `--name value` or `--name=value`.

export type Flags = Record<string, string>;

export function parseFlags(argv: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (flags are --name value)`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      flags[arg.slice(2)] = argv[++i];
    } else {
      flags[arg.slice(2)] = 'true';
    }
  }
  return flags;
}

/** An integer flag within [min, max]; underscores are allowed as digit separators (1_000_000). */
export function intFlag(flags: Flags, name: string, fallback: number, min: number, max: number): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const cleaned = raw.replace(/_/g, '');
  if (!/^\d+$/.test(cleaned)) throw new Error(`--${name} must be an integer, got "${raw}"`);
  const value = Number(cleaned);
  if (value < min || value > max) throw new Error(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A YYYY-MM-DD flag. */
export function dateFlag(flags: Flags, name: string, fallback: string): string {
  const value = flags[name] ?? fallback;
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(value)) {
    throw new Error(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

/** The node options a package.json script gives the app (`node --max-old-space-size=256 dist/src/main.js`). */
export function scriptNodeOptions(script: string): string[] {
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node') return [];
  const firstNonFlag = words.findIndex((word, i) => i > 0 && !word.startsWith('--'));
  return words.slice(1, firstNonFlag < 0 ? undefined : firstNonFlag);
}
