// Settings of the consultation module, from config/consultation.json, checked
// once at start-up: a bad file stops the app with a message naming the key.
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/env.js';
import { PRIORITIES, type Priority } from './consultation-rules.js';

export interface ConsultationConfig {
  /** Working days the bureau has to reply (答复期限), per priority. */
  replyWorkingDays: Record<Priority, number>;
  standardQuestions: string[];
  standardSuggestions: string[];
}

export const CONSULTATION_CONFIG = Symbol('CONSULTATION_CONFIG');
const FILE = 'config/consultation.json';
const MAX_REPLY_WORKING_DAYS = 60;

function textList(raw: Record<string, unknown>, key: string): string[] {
  const value = raw[key];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim().length > 0 && v.length <= 500)) {
    throw new ConfigError(`${FILE} ${key}`, 'must be a list of non-empty texts of at most 500 characters');
  }
  return value as string[];
}

function replyWorkingDays(raw: Record<string, unknown>): Record<Priority, number> {
  const value = raw.replyWorkingDays as Record<string, unknown> | undefined;
  if (typeof value !== 'object' || value === null) {
    throw new ConfigError(`${FILE} replyWorkingDays`, 'must be an object with NORMAL and URGENT');
  }
  const days = {} as Record<Priority, number>;
  for (const priority of PRIORITIES) {
    const n = value[priority];
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_REPLY_WORKING_DAYS) {
      throw new ConfigError(
        `${FILE} replyWorkingDays.${priority}`,
        `must be an integer from 1 to ${MAX_REPLY_WORKING_DAYS}, got ${JSON.stringify(n)}`,
      );
    }
    days[priority] = n as number;
  }
  if (days.URGENT > days.NORMAL) {
    throw new ConfigError(`${FILE} replyWorkingDays.URGENT`, 'must not be longer than NORMAL');
  }
  return days;
}

export function parseConsultationConfig(raw: unknown): ConsultationConfig {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError(FILE, 'must be a JSON object');
  const record = raw as Record<string, unknown>;
  return {
    replyWorkingDays: replyWorkingDays(record),
    standardQuestions: textList(record, 'standardQuestions'),
    standardSuggestions: textList(record, 'standardSuggestions'),
  };
}

/** Reads and checks the file (from src/ or dist/src/, both two or three levels under the root). */
export function loadConsultationConfig(): ConsultationConfig {
  const here = new URL('.', import.meta.url).pathname;
  const root = here.includes('/dist/') ? `${here}../../../` : `${here}../../`;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(`${root}${FILE}`, 'utf8'));
  } catch (error) {
    throw new ConfigError(FILE, `cannot be read as JSON: ${(error as Error).message}`);
  }
  return parseConsultationConfig(raw);
}
