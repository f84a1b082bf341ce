// Mediation settings from `config/mediation.json`, checked once at start-up:
// a bad value stops the app with a message naming the key.
import { configObject, configProblem, loadConfigFile, type ConfigProblem } from '../config/config-file.js';

export interface MediationSettings {
  /** Most extension days a case may get in all. */
  extensionCapDays: number;
  /** A warning is raised this many days before the deadline. */
  warningDaysBefore: number;
}

export const DEFAULT_MEDIATION_SETTINGS: MediationSettings = { extensionCapDays: 30, warningDaysBefore: 5 };

const FILE = 'mediation.json';

const LIMITS: Record<keyof MediationSettings, [number, number]> = {
  extensionCapDays: [0, 365],
  warningDaysBefore: [0, 30],
};

/** Checks parsed settings; a missing key takes its default, an unknown key is refused. */
export function parseMediationSettings(raw: unknown, problem: ConfigProblem = configProblem(FILE)): MediationSettings {
  const record = configObject(raw, problem);
  const known = Object.keys(LIMITS);
  const unknown = Object.keys(record).filter((key) => !key.startsWith('$') && !known.includes(key));
  if (unknown.length > 0) problem(unknown[0], 'is not a known setting');
  const settings = { ...DEFAULT_MEDIATION_SETTINGS };
  for (const key of known as (keyof MediationSettings)[]) {
    const value = record[key];
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problem(key, `must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
    }
    settings[key] = value as number;
  }
  return settings;
}

/** Reads and checks `config/mediation.json`; without the file, the defaults. */
export function loadMediationSettings(): MediationSettings {
  return loadConfigFile(FILE, parseMediationSettings, { whenMissing: () => ({ ...DEFAULT_MEDIATION_SETTINGS }) });
}

/** Injection token for the checked settings. */
export abstract class MediationConfig implements MediationSettings {
  abstract extensionCapDays: number;
  abstract warningDaysBefore: number;
}
