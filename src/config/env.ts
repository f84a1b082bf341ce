// Environment configuration, validated once at start-up. A bad value stops the
// process with a message that names the variable (see main.ts).

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

export function loadEnv(env: Env = process.env): AppEnv {
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
  const demoPassword = optional(env, 'DEMO_PASSWORD');
  if (demoPassword !== undefined && demoPassword.length < 8) {
    throw new ConfigError('DEMO_PASSWORD', 'must be at least 8 characters');
  }
  return {
    port: integerIn(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url,
    ...migrationSettings(env, url),
    dataDir: optional(env, 'DATA_DIR') ?? './data',
    demoPassword,
    jwtSecret,
    logLevel,
    jwtTtlSeconds: integerIn(env, 'JWT_TTL_SECONDS', 8 * 3600, 60, 7 * 24 * 3600),
  };
}
