// Mediation settings from `config/mediation.json`, checked once at start-up:
// a bad value stops the app with a message naming the key.
import { configProblem, integerSettings, loadConfigFile, type ConfigProblem } from '../config/config-file.js';

interface MediationSettings {
  /** Most extension days a case may get in all. */
  extensionCapDays: number;
  /** A warning is raised this many days before the deadline. */
  warningDaysBefore: number;
}

const DEFAULT_MEDIATION_SETTINGS: MediationSettings = { extensionCapDays: 30, warningDaysBefore: 5 };

const FILE = 'mediation.json';

const LIMITS: Record<keyof MediationSettings, [number, number]> = {
  extensionCapDays: [0, 365],
  warningDaysBefore: [0, 30],
};

/** Checks parsed settings; a missing key takes its default, an unknown key is refused. */
export function parseMediationSettings(raw: unknown, problem: ConfigProblem = configProblem(FILE)): MediationSettings {
  return integerSettings(raw, problem, LIMITS, DEFAULT_MEDIATION_SETTINGS);
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
