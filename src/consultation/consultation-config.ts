// Settings of the consultation module, from config/consultation.json, checked
// once at start-up: a bad file stops the app with a message naming the key.
import { configObject, configProblem, loadConfigFile, type ConfigProblem } from '../config/config-file.js';
import { PRIORITIES, type Priority } from './consultation-rules.js';

export interface ConsultationConfig {
  /** Working days the bureau has to reply (答复期限), per priority. */
  replyWorkingDays: Record<Priority, number>;
  standardQuestions: string[];
  standardSuggestions: string[];
}

export const CONSULTATION_CONFIG = Symbol('CONSULTATION_CONFIG');
const FILE = 'consultation.json';
const MAX_REPLY_WORKING_DAYS = 60;

function textList(raw: Record<string, unknown>, key: string, problem: ConfigProblem): string[] {
  const value = raw[key];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 500)) {
    problem(key, 'must be a list of non-empty texts of at most 500 characters');
  }
  return value as string[];
}

function replyWorkingDays(raw: Record<string, unknown>, problem: ConfigProblem): Record<Priority, number> {
  const value = raw.replyWorkingDays as Record<string, unknown> | undefined;
  if (typeof value !== 'object' || value === null) {
    problem('replyWorkingDays', 'must be an object with NORMAL and URGENT');
  }
  const days = {} as Record<Priority, number>;
  for (const priority of PRIORITIES) {
    const n = value[priority];
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_REPLY_WORKING_DAYS) {
      problem(
        `replyWorkingDays.${priority}`,
        `must be an integer from 1 to ${MAX_REPLY_WORKING_DAYS}, got ${JSON.stringify(n)}`,
      );
    }
    days[priority] = n as number;
  }
  if (days.URGENT > days.NORMAL) {
    problem('replyWorkingDays.URGENT', 'must not be longer than NORMAL');
  }
  return days;
}

export function parseConsultationConfig(
  raw: unknown,
  problem: ConfigProblem = configProblem(FILE),
): ConsultationConfig {
  const record = configObject(raw, problem);
  return {
    replyWorkingDays: replyWorkingDays(record, problem),
    standardQuestions: textList(record, 'standardQuestions', problem),
    standardSuggestions: textList(record, 'standardSuggestions', problem),
  };
}

/** Reads and checks `config/consultation.json`. */
export function loadConsultationConfig(): ConsultationConfig {
  return loadConfigFile(FILE, parseConsultationConfig);
}
