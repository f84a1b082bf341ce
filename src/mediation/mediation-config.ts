// Mediation settings from `config/mediation.json`, checked once at start-up:
// a bad value stops the app with a message naming the key.
import { readFileSync } from 'node:fs';

export interface MediationSettings {
  /** Most extension days a case may get in all. */
  extensionCapDays: number;
  /** A warning is raised this many days before the deadline. */
  warningDaysBefore: number;
}

export const DEFAULT_MEDIATION_SETTINGS: MediationSettings = { extensionCapDays: 30, warningDaysBefore: 5 };

export class MediationConfigError extends Error {
  constructor(key: string, problem: string) {
    super(`配置错误 config/mediation.json ${key}: ${problem}`);
  }
}

const LIMITS: Record<keyof MediationSettings, [number, number]> = {
  extensionCapDays: [0, 365],
  warningDaysBefore: [0, 30],
};

/** Checks parsed settings; a missing key takes its default, an unknown key is refused. */
export function parseMediationSettings(raw: unknown): MediationSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new MediationConfigError('(file)', 'must be a JSON object');
  }
  const known = Object.keys(LIMITS);
  const unknown = Object.keys(raw).filter((key) => !key.startsWith('$') && !known.includes(key));
  if (unknown.length > 0) throw new MediationConfigError(unknown[0], 'is not a known setting');
  const settings = { ...DEFAULT_MEDIATION_SETTINGS };
  for (const key of known as (keyof MediationSettings)[]) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new MediationConfigError(key, `must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
    }
    settings[key] = value;
  }
  return settings;
}

/** Reads and checks `config/mediation.json` (from src/ or dist/src/); without the file, the defaults. */
export function loadMediationSettings(): MediationSettings {
  const here = new URL('.', import.meta.url).pathname;
  const root = here.includes('/dist/') ? `${here}../../../` : `${here}../../`;
  let text: string;
  try {
    text = readFileSync(`${root}config/mediation.json`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_MEDIATION_SETTINGS };
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MediationConfigError('(file)', `is not valid JSON: ${(error as Error).message}`);
  }
  return parseMediationSettings(raw);
}

/** Injection token for the checked settings. */
export abstract class MediationConfig implements MediationSettings {
  abstract extensionCapDays: number;
  abstract warningDaysBefore: number;
}
