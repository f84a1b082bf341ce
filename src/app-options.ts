import type { Clock } from './common/clock.js';
import type { LogLevel } from './config/env.js';

export const APP_OPTIONS = Symbol('APP_OPTIONS');

/** What the application needs once start-up has resolved the environment. */
export interface AppOptions {
  databaseUrl: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  logLevel: LogLevel;
  /** Replaces the system clock (tests, data generator). */
  clock?: Clock;
  /** Whether timed jobs run in this process (tests drive them by hand). */
  runScheduledJobs: boolean;
  /** Connection pool size per instance. */
  poolSize?: number;
}
