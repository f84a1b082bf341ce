import type { Clock } from './common/clock.js';
import type { LogFormat, LogLevel } from './config/env.js';
import type { MetricsOptions } from './metrics/metrics-http.js';

export const APP_OPTIONS = Symbol('APP_OPTIONS');

/** What the application needs once start-up has resolved the environment. */
export interface AppOptions {
  databaseUrl: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  logLevel: LogLevel;
  /** Default json. */
  logFormat?: LogFormat;
  /** Where GET /metrics is served (off without a token or a port). */
  metrics?: MetricsOptions;
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
