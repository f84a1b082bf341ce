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
  /**
   * Serve the Swagger UI pages (the JSON document at /api/docs-json is always served).
   * Off under Jest, whose module loader cannot load the UI's static-file plugin.
   */
  apiDocsUi?: boolean;
  /** Connection pool size per instance. */
  poolSize?: number;
}
