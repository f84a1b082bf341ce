// The declarative settings in config/*.json: one loader that reads a file from the project root, parses it and
// hands it to the module's own check. Every problem stops start-up with one message naming the file and the field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './env.js';
import { PROJECT_ROOT } from './project-root.js';

export const CONFIG_DIR = path.join(PROJECT_ROOT, 'config');

/** A bad config file: `配置错误 config/<file> <field>: <problem>` (the field left out when the whole file is meant). */
export class ConfigFileError extends ConfigError {
  constructor(
    readonly file: string,
    readonly field: string | null,
    problem: string,
  ) {
    super(field ? `config/${file} ${field}` : `config/${file}`, problem);
  }
}

/** Raises the error for one field of one file; the checks of a module take it so they need not know the path. */
export type ConfigProblem = (field: string | null, problem: string) => never;

interface LoadOptions<T> {
  /** Without the file, this value (default: a missing file is an error like any other). */
  whenMissing?: () => T;
}

/** Reads `config/<name>`, parses it as JSON and returns what `validate` makes of it. */
export function loadConfigFile<T>(
  name: string,
  validate: (raw: unknown, problem: ConfigProblem) => T,
  options: LoadOptions<T> = {},
): T {
  const problem = configProblem(name);
  let text: string;
  try {
    text = readFileSync(path.join(CONFIG_DIR, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.whenMissing) return options.whenMissing();
    return problem(null, `cannot be read: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return problem(null, `is not valid JSON: ${(error as Error).message}`);
  }
  return validate(raw, problem);
}

/** The `problem` function of one file, for checking parsed content outside the loader (tests, the API). */
export function configProblem(name: string): ConfigProblem {
  return (field, problem) => {
    throw new ConfigFileError(name, field, problem);
  };
}

/** The file's top level as an object, or the error. */
export function configObject(raw: unknown, problem: ConfigProblem): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problem(null, 'must be a JSON object');
  return raw as Record<string, unknown>;
}

/** Refuses the first key that is not `known` (keys starting with `$` are comments). */
export function refuseUnknownKeys(record: Record<string, unknown>, known: readonly string[], problem: ConfigProblem) {
  const unknown = Object.keys(record).find((key) => !key.startsWith('$') && !known.includes(key));
  if (unknown !== undefined) problem(unknown, 'is not a known setting');
}

/**
 * A file of integer settings, each within its bounds: a missing key takes its default, an unknown key (not
 * starting with `$`) is refused, and a value out of bounds names the key.
 */
export function integerSettings<K extends string>(
  raw: unknown,
  problem: ConfigProblem,
  limits: Record<K, [number, number]>,
  defaults: Record<K, number>,
): Record<K, number> {
  const record = configObject(raw, problem);
  const known = Object.keys(limits) as K[];
  refuseUnknownKeys(record, known, problem);
  const settings = { ...defaults };
  for (const key of known) {
    const value = record[key];
    if (value === undefined) continue;
    const [min, max] = limits[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problem(key, `must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
    }
    settings[key] = value as number;
  }
  return settings;
}
