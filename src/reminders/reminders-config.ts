// Reminder settings from `config/reminders.json`, checked once at start-up: a bad value stops the app
// with a message naming the key.
import { configProblem, integerSettings, loadConfigFile, type ConfigProblem } from '../config/config-file.js';

interface ReminderSettings {
  /** A refused, failed or expired case not moved on (转立案, 转入审理, 起诉) this many days later is reminded. */
  transferWaitingDays: number;
}

const DEFAULT_REMINDER_SETTINGS: ReminderSettings = { transferWaitingDays: 5 };

const FILE = 'reminders.json';

const LIMITS: Record<keyof ReminderSettings, [number, number]> = { transferWaitingDays: [1, 60] };

/** Checks parsed settings; a missing key takes its default, an unknown key is refused. */
export function parseReminderSettings(raw: unknown, problem: ConfigProblem = configProblem(FILE)): ReminderSettings {
  return integerSettings(raw, problem, LIMITS, DEFAULT_REMINDER_SETTINGS);
}

export function loadReminderSettings(): ReminderSettings {
  return loadConfigFile(FILE, parseReminderSettings, { whenMissing: () => ({ ...DEFAULT_REMINDER_SETTINGS }) });
}

/** Injection token for the checked settings. */
export abstract class ReminderConfig implements ReminderSettings {
  abstract transferWaitingDays: number;
}
