// Environment configuration, validated once at start-up. A bad value stops the
// process with a message that names the variable (see main.ts).
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { passwordProblems } from '../common/credential-rules.js';
import { DEMO_USERNAMES } from './demo-users.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `json` for machines (one object a line), `pretty` for a person at a terminal. */
const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface AppEnv {
  port: number;
  databaseUrl?: string;
  /** The schema owner's login for migrations on an external server (`npm run migrate`, MIGRATE_ON_START). */
  migrationDatabaseUrl?: string;
  /** Whether start-up applies pending migrations (embedded mode: yes; external: MIGRATE_ON_START=true). */
  migrateOnStart: boolean;
  dataDir: string;
  demoPassword?: string;
  jwtSecret?: string;
  logLevel: LogLevel;
  /** Token lifetime in seconds. */
  jwtTtlSeconds: number;
  /** Default: pretty when stdout is a terminal, json otherwise. */
  logFormat: LogFormat;
  /** How long a SIGTERM may take: readiness 503, in-flight requests finish, then exit. */
  shutdownGraceSeconds: number;
  /** Bearer token that GET /metrics requires (on the app's port, or on METRICS_PORT). */
  metricsToken?: string;
  /** Serve /metrics on this port only (instead of the app's port). */
  metricsPort?: number;
  /** Seed the demo court on an empty external database too (SEED_DEMO=1). */
  seedDemo: boolean;
  /** A session unused this long ends (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** No refresh extends a session past this many hours after its login (SESSION_MAX_HOURS). */
  sessionMaxHours: number;
  /** Addresses or CIDRs of the reverse proxies whose X-Forwarded-* headers are believed (TRUST_PROXY). */
  trustProxy: string[];
  /** Session cookie always Secure, HSTS on every response (COOKIE_SECURE=true). */
  cookieSecure: boolean;
  /** Serve the API documentation at /api/docs (API_DOCS=off turns it off). */
  apiDocs: boolean;
  /** The court's own networks (COURT_NETWORKS): ratings cast from them are flagged. */
  courtNetworks: string[];
  /** Whether administrators must enrol a second factor (ADMIN_SECOND_FACTOR, default required). */
  adminSecondFactor: 'required' | 'optional';
  /** Connections per instance (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** Bounds of the case file (卷宗材料): one attachment, and all of a case's attachments together, in MB. */
  caseAttachmentMaxFileMb: number;
  caseAttachmentMaxCaseMb: number;
  /** PDF rendering: worker threads, documents waiting, each worker's heap in MB (DOCUMENT_*). */
  documentWorkers: number;
  documentQueue: number;
  documentWorkerHeapMb: number;
  /** Where messages to the parties go (SMS_GATEWAY_URL, SMTP_URL...); unset: the local outbox. */
  messages: MessageEnv;
  /** The court's PDF-signing key (COURT_SIGNING_P12, a PKCS#12 file); unset: one generated in DATA_DIR. */
  courtSigning: { p12Path?: string; passphrase?: string };
}

/** The providers behind the one sender: a court's SMS gateway over HTTP and a mail server, or neither. */
export interface MessageEnv {
  smsGatewayUrl?: string;
  smsGatewayKey?: string;
  smtpUrl?: string;
  mailFrom?: string;
  /** How long an invitation link stays valid, in days (PARTY_LINK_DAYS). */
  partyLinkDays: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`配置错误 ${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integerIn(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function booleanOf(env: Env, name: string, fallback: boolean, yes: string[], no: string[]): boolean {
  const raw = optional(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (yes.includes(raw)) return true;
  if (no.includes(raw)) return false;
  throw new ConfigError(name, `must be one of ${[...yes, ...no].join(', ')}, got "${raw}"`);
}

/** A JWT_SECRET with fewer distinct characters than this is refused (32 × 'a' is long, not secret). */
const JWT_SECRET_MIN_DISTINCT = 10;

/**
 * DATA_DIR in embedded mode holds the database and the generated secrets: not the root directory, and, when it
 * exists, owned by the user the app runs as and not writable by every user.
 */
function checkedDataDir(dataDir: string): string {
  if (resolve(dataDir) === resolve('/')) {
    throw new ConfigError('DATA_DIR', 'must not be the root directory "/"; use a directory of its own, e.g. ./data');
  }
  let stat;
  try {
    stat = statSync(dataDir);
  } catch {
    return dataDir; // created at start-up, by and for this user
  }
  if ((stat.mode & 0o002) !== 0) {
    throw new ConfigError('DATA_DIR', `"${dataDir}" is writable by every user; chmod o-w it (0700 is best)`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new ConfigError(
      'DATA_DIR',
      `"${dataDir}" is owned by another user (uid ${stat.uid}, the app runs as ${uid})`,
    );
  }
  return dataDir;
}

/** TRUST_PROXY: a comma-separated list of IP addresses or CIDR ranges (IPv4 or IPv6). */
function trustedProxies(env: Env): string[] {
  return addressList(env, 'TRUST_PROXY');
}

/** COURT_NETWORKS: the court's own networks; a rating cast from one is flagged (issue 28). */
function courtNetworks(env: Env): string[] {
  return addressList(env, 'COURT_NETWORKS', { widest: { 4: 8, 6: 16 } });
}

function addressList(
  env: Env,
  name: 'TRUST_PROXY' | 'COURT_NETWORKS',
  { widest }: { widest: { 4: number; 6: number } } = { widest: { 4: 8, 6: 16 } },
): string[] {
  const raw = optional(env, name);
  if (raw === undefined) return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !bitsOk || extra !== undefined) {
      throw new ConfigError(name, `must list IP addresses or CIDR ranges, got "${entry}"`);
    }
    // 0.0.0.0/0 would believe any client's X-Forwarded-For: every address could claim to be any other (and, as
    // the court's network, would flag every rating).
    if (bits !== undefined && Number(bits) < (family === 6 ? widest[6] : widest[4])) {
      throw new ConfigError(
        name,
        name === 'TRUST_PROXY'
          ? `"${entry}" trusts far too many addresses; list the reverse proxies only`
          : `"${entry}" is far wider than a court's network`,
      );
    }
  }
  return entries;
}

function databaseUrl(env: Env, name = 'DATABASE_URL'): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL (expected postgres://user:password@host:port/db)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must use postgres:// or postgresql://, got ${url.protocol}`);
  }
  if (url.pathname.length <= 1) throw new ConfigError(name, 'must name a database');
  if (url.searchParams.has('options')) {
    throw new ConfigError(name, 'must not carry startup options (set them on the role: ALTER ROLE ... SET)');
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = (optional(env, name) ?? fallback) as T;
  if (!allowed.includes(value)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
  return value;
}

function metricsToken(env: Env): string | undefined {
  const token = optional(env, 'METRICS_TOKEN');
  if (token !== undefined && token.length < 16)
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  return token;
}

/** A metrics port always wants the token too: a forgotten firewall rule must not open the metrics (issue 28). */
function metricsPort(env: Env): number | undefined {
  if (optional(env, 'METRICS_PORT') === undefined) return undefined;
  const port = integerIn(env, 'METRICS_PORT', 0, 1, 65535);
  if (optional(env, 'METRICS_TOKEN') === undefined) {
    throw new ConfigError(
      'METRICS_PORT',
      'would serve the metrics to anyone who reaches the port; set METRICS_TOKEN too',
    );
  }
  return port;
}

function booleanFlag(env: Env, name: string): boolean | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be true or false, got "${raw}"`);
  return raw === 'true';
}

/** MIGRATION_DATABASE_URL and MIGRATE_ON_START, which only an external server has a use for. */
function migrationSettings(env: Env, url: string | undefined) {
  const migrationDatabaseUrl = databaseUrl(env, 'MIGRATION_DATABASE_URL');
  const flag = booleanFlag(env, 'MIGRATE_ON_START');
  if (url === undefined) {
    if (migrationDatabaseUrl !== undefined) {
      throw new ConfigError('MIGRATION_DATABASE_URL', 'only with DATABASE_URL (the embedded mode keeps its own)');
    }
    return { migrationDatabaseUrl, migrateOnStart: flag ?? true };
  }
  if (flag === true && migrationDatabaseUrl === undefined) {
    throw new ConfigError('MIGRATION_DATABASE_URL', 'is required when MIGRATE_ON_START=true');
  }
  return { migrationDatabaseUrl, migrateOnStart: flag ?? false };
}

/** COURT_SIGNING_P12 (a readable PKCS#12 file: key and certificate) and its COURT_SIGNING_P12_PASSPHRASE. */
function courtSigning(env: Env): { p12Path?: string; passphrase?: string } {
  const p12Path = optional(env, 'COURT_SIGNING_P12');
  const passphrase = env.COURT_SIGNING_P12_PASSPHRASE;
  if (p12Path === undefined) {
    if (passphrase) throw new ConfigError('COURT_SIGNING_P12_PASSPHRASE', 'only with COURT_SIGNING_P12');
    return {};
  }
  let file: ReturnType<typeof statSync> | undefined;
  try {
    file = statSync(p12Path);
  } catch {
    file = undefined;
  }
  if (!file?.isFile()) throw new ConfigError('COURT_SIGNING_P12', `"${p12Path}" is not a readable file`);
  return { p12Path: resolve(p12Path), passphrase: passphrase ?? '' };
}

/** CASE_ATTACHMENT_MAX_FILE_MB and CASE_ATTACHMENT_MAX_CASE_MB: a case holds at least one file of the largest size. */
function caseAttachmentLimits(env: Env) {
  const caseAttachmentMaxFileMb = integerIn(env, 'CASE_ATTACHMENT_MAX_FILE_MB', 20, 1, 1024);
  const caseAttachmentMaxCaseMb = integerIn(env, 'CASE_ATTACHMENT_MAX_CASE_MB', 200, 1, 100 * 1024);
  if (caseAttachmentMaxCaseMb < caseAttachmentMaxFileMb) {
    throw new ConfigError('CASE_ATTACHMENT_MAX_CASE_MB', 'must not be below CASE_ATTACHMENT_MAX_FILE_MB');
  }
  return { caseAttachmentMaxFileMb, caseAttachmentMaxCaseMb };
}

function urlOf(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use ${protocols.map((p) => `${p}//`).join(' or ')}, got ${url.protocol}`);
  }
  return raw;
}

/** SMS_GATEWAY_URL with SMS_GATEWAY_KEY, SMTP_URL with MAIL_FROM: each pair whole or absent. */
function messageEnv(env: Env): MessageEnv {
  const smsGatewayUrl = urlOf(env, 'SMS_GATEWAY_URL', ['https:', 'http:']);
  const smsGatewayKey = optional(env, 'SMS_GATEWAY_KEY');
  if (smsGatewayUrl !== undefined && smsGatewayKey === undefined) {
    throw new ConfigError('SMS_GATEWAY_KEY', 'is required when SMS_GATEWAY_URL is set');
  }
  const smtpUrl = urlOf(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const mailFrom = optional(env, 'MAIL_FROM');
  if (
    smtpUrl !== undefined &&
    (mailFrom === undefined || !/^[^@\s]+@[^@\s]+$/.test(mailFrom.replace(/^.*<(.*)>$/, '$1')))
  ) {
    throw new ConfigError(
      'MAIL_FROM',
      'is required when SMTP_URL is set (an address such as 法院 <noreply@court.example>)',
    );
  }
  return {
    smsGatewayUrl,
    smsGatewayKey,
    smtpUrl,
    mailFrom,
    partyLinkDays: integerIn(env, 'PARTY_LINK_DAYS', 15, 1, 90),
  };
}

export function loadEnv(env: Env = process.env, stdoutIsTerminal = process.stdout.isTTY === true): AppEnv {
  const logLevel = (optional(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const url = databaseUrl(env);
  const jwtSecret = optional(env, 'JWT_SECRET');
  if (url !== undefined && jwtSecret === undefined) {
    throw new ConfigError('JWT_SECRET', 'is required when DATABASE_URL is set');
  }
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  const distinct = jwtSecret === undefined ? 0 : new Set(jwtSecret).size;
  if (jwtSecret !== undefined && distinct < JWT_SECRET_MIN_DISTINCT) {
    throw new ConfigError(
      'JWT_SECRET',
      `has only ${distinct} distinct characters (at least ${JWT_SECRET_MIN_DISTINCT}); use a random value, e.g. openssl rand -base64 48`,
    );
  }
  const demoPassword = optional(env, 'DEMO_PASSWORD');
  if (demoPassword !== undefined) {
    const problem =
      passwordProblems(demoPassword) ??
      DEMO_USERNAMES.map((name) => passwordProblems(demoPassword, name)).find(Boolean);
    if (problem) throw new ConfigError('DEMO_PASSWORD', `does not meet the password policy: ${problem}`);
  }
  return {
    port: integerIn(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url,
    ...migrationSettings(env, url),
    dataDir:
      url === undefined
        ? checkedDataDir(optional(env, 'DATA_DIR') ?? './data')
        : (optional(env, 'DATA_DIR') ?? './data'),
    demoPassword,
    jwtSecret,
    logLevel,
    jwtTtlSeconds: integerIn(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
    logFormat: oneOf(env, 'LOG_FORMAT', LOG_FORMATS, stdoutIsTerminal ? 'pretty' : 'json'),
    shutdownGraceSeconds: integerIn(env, 'SHUTDOWN_GRACE_SECONDS', 30, 1, 600),
    metricsToken: metricsToken(env),
    metricsPort: metricsPort(env),
    seedDemo: oneOf(env, 'SEED_DEMO', ['0', '1'], '0') === '1',
    sessionIdleMinutes: integerIn(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: integerIn(env, 'SESSION_MAX_HOURS', 12, 1, 7 * 24),
    trustProxy: trustedProxies(env),
    courtNetworks: courtNetworks(env),
    cookieSecure: booleanOf(env, 'COOKIE_SECURE', false, ['true', '1'], ['false', '0']),
    apiDocs: booleanOf(env, 'API_DOCS', true, ['on', 'true', '1'], ['off', 'false', '0']),
    adminSecondFactor: oneOf(env, 'ADMIN_SECOND_FACTOR', ['required', 'optional'] as const, 'required'),
    databasePoolSize: integerIn(env, 'DATABASE_POOL_SIZE', 20, 2, 500),
    ...caseAttachmentLimits(env),
    documentWorkers: integerIn(env, 'DOCUMENT_WORKERS', 1, 1, 8),
    documentQueue: integerIn(env, 'DOCUMENT_QUEUE', 16, 0, 1000),
    documentWorkerHeapMb: integerIn(env, 'DOCUMENT_WORKER_HEAP_MB', 64, 48, 1024),
    messages: messageEnv(env),
    courtSigning: courtSigning(env),
  };
}
