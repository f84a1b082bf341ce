// Scheduling settings from `config/scheduled-sessions.json`, checked once at start-up: the court's working
// hours (China time) inside which sessions are scheduled, and the length of a session given without its end.
import {
  configObject,
  configProblem,
  loadConfigFile,
  refuseUnknownKeys,
  type ConfigProblem,
} from '../config/config-file.js';

export interface SchedulingSettings {
  /** `HH:MM`, China time. */
  workingHoursFrom: string;
  workingHoursTo: string;
  defaultSessionMinutes: number;
}

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = {
  workingHoursFrom: '08:30',
  workingHoursTo: '18:00',
  defaultSessionMinutes: 60,
};

const FILE = 'scheduled-sessions.json';
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function parseSchedulingSettings(
  raw: unknown,
  problem: ConfigProblem = configProblem(FILE),
): SchedulingSettings {
  const record = configObject(raw, problem);
  refuseUnknownKeys(record, Object.keys(DEFAULT_SCHEDULING_SETTINGS), problem);
  const settings = { ...DEFAULT_SCHEDULING_SETTINGS };
  for (const key of ['workingHoursFrom', 'workingHoursTo'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !TIME.test(value))
      problem(key, `must be a time HH:MM, got ${JSON.stringify(value)}`);
    settings[key] = value as string;
  }
  if (settings.workingHoursFrom >= settings.workingHoursTo) problem('workingHoursTo', 'must be after workingHoursFrom');
  const minutes = record.defaultSessionMinutes;
  if (minutes !== undefined) {
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 10 || minutes > 480) {
      problem('defaultSessionMinutes', `must be an integer between 10 and 480, got ${JSON.stringify(minutes)}`);
    }
    settings.defaultSessionMinutes = minutes as number;
  }
  return settings;
}

export function loadSchedulingSettings(): SchedulingSettings {
  return loadConfigFile(FILE, parseSchedulingSettings, { whenMissing: () => ({ ...DEFAULT_SCHEDULING_SETTINGS }) });
}

/** Injection token for the checked settings. */
export abstract class SchedulingConfig implements SchedulingSettings {
  abstract workingHoursFrom: string;
  abstract workingHoursTo: string;
  abstract defaultSessionMinutes: number;
}
