import type { Clock } from './common/clock.js';
import type { LogFormat, LogLevel, MessageEnv } from './config/env.js';
import type { DocumentPoolOptions } from './common/document-renderer.js';
import type { MetricsOptions } from './metrics/metrics-http.js';
import type { CourtSigningKey } from './config/court-signing-key.js';

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
  /**
   * The clock of session timing (idle timeout, absolute lifetime): real time, like the tokens' `exp`, so a
   * test that moves the business clock by days keeps its sessions. Tests of the timeouts replace it.
   */
  sessionClock?: Clock;
  /** Whether timed jobs run in this process (tests drive them by hand). */
  runScheduledJobs: boolean;
  /**
   * Serve the Swagger UI pages (the JSON document at /api/docs-json is always served).
   * Off under Jest, whose module loader cannot load the UI's static-file plugin.
   */
  apiDocsUi?: boolean;
  /** Connection pool size per instance. */
  poolSize?: number;
  /** Idle timeout of a session in minutes (default 30). */
  sessionIdleMinutes?: number;
  /** Absolute lifetime of a session across refreshes, in hours (default 12). */
  sessionMaxHours?: number;
  /** Reverse proxies (addresses or CIDRs) whose X-Forwarded-For/-Proto and X-Request-Id are believed. */
  trustProxy?: string[];
  /** Session cookie always Secure and HSTS on every response, whatever the request's protocol. */
  cookieSecure?: boolean;
  /** Serve the API documentation (UI and JSON) at all; off: 404. Default on. */
  apiDocs?: boolean;
  /** Bounds of the case file's attachments in bytes (default 20 MB a file, 200 MB a case). */
  caseFileLimits?: { fileBytes: number; caseBytes: number };
  /** Password hashes verified at once, and logins allowed to wait for one (past that: 429). */
  passwordHashing?: { concurrent: number; queued: number };
  /** The document workers: how many, how many documents may wait, each worker's heap (default 1, 16, 64 MB). */
  documents?: DocumentPoolOptions;
  /** The court's own networks (COURT_NETWORKS): ratings cast from them are flagged in the statistics. */
  courtNetworks?: string[];
  /** Whether administrators must have a second factor (ADMIN_SECOND_FACTOR, default required). */
  adminSecondFactor?: 'required' | 'optional';
  /** Where messages to the parties go; absent: the local outbox only (embedded, demo, tests). */
  messages?: MessageEnv;
  /** The court's key and certificate for signing PDFs (PKCS#12); absent: one generated per process (tests). */
  courtSigningKey?: CourtSigningKey;
}
