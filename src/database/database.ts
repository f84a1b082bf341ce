import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { migrations } from '../../migrations/index.js';
import { appliedMigrations, checkAppDatabase, SchemaNewerError } from './schema-check.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { ADVISORY_LOCKS } from '../common/advisory-locks.js';

// Calendar dates stay 'YYYY-MM-DD' strings (China dates), never JS Dates in the server's zone.
const PG_DATE = 1082;
const PG_DATE_ARRAY = 1182;
pg.types.setTypeParser(PG_DATE, (value: string) => value);
pg.types.setTypeParser(PG_DATE_ARRAY as typeof PG_DATE, (value: string) =>
  value === '{}' ? [] : value.slice(1, -1).split(','),
);

/** The least-privilege role the running app acts as (no UPDATE/DELETE on the history). */
export const APP_DB_ROLE = 'mediation_app';

/** TypeORM's record of the applied migrations (the app's role may read it: migration 1700000001100). */
const MIGRATIONS_TABLE = 'migrations';

/**
 * Options for the app's connections, which log in as the app's own role (DATABASE_URL, or the embedded
 * server's `mediation_app` login). No startup parameters: the statement and idle-in-transaction timeouts
 * are the role's settings (ALTER ROLE ... SET, migration 1700000001100), so a pooler such as PgBouncer
 * may sit in between.
 */
export function appConnectionOptions(url: string, poolSize = 20): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: poolSize,
      // How long a request waits for a connection: a refused or lost database fails at once (503), and a
      // burst queues for the pool instead of failing (no transaction holds two connections, so the queue
      // always drains). Statement timeouts are set on the app's role, not sent at connection start-up.
      connectionTimeoutMillis: 10_000,
    },
  };
}

/** Names of the code's migrations, in order. */
export const migrationNames = (): string[] => migrations.map((m) => new m().name ?? m.name);

/**
 * Runs pending migrations as the schema owner (MIGRATION_DATABASE_URL, or the embedded superuser).
 * Refuses a database that has migrations this code does not know (a newer schema).
 */
export async function runMigrations(url: string): Promise<string[]> {
  const options: DataSourceOptions = {
    type: 'postgres',
    url,
    migrations,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
  };
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    // Serialise concurrent start-ups of several instances.
    await dataSource.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migrations]);
    try {
      const known = new Set(migrationNames());
      const applied = (await appliedMigrations((sql) => dataSource.query(sql), MIGRATIONS_TABLE)) ?? [];
      const unknown = applied.filter((name) => !known.has(name));
      if (unknown.length > 0) throw new SchemaNewerError(unknown);
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrations]);
    }
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Start-up: migrate as the owner when allowed (embedded mode, or MIGRATE_ON_START=true with
 * MIGRATION_DATABASE_URL), then check over the app's own login that the schema is exactly the code's and
 * that the login is least-privilege. Throws DatabaseStartupError with what to do.
 */
export async function prepareDatabase(options: {
  appUrl: string;
  ownerUrl?: string;
  migrate: boolean;
  log: (line: string) => void;
}): Promise<void> {
  if (options.migrate && options.ownerUrl) {
    const ran = await runMigrations(options.ownerUrl);
    if (ran.length > 0) options.log(`migrations applied: ${ran.join(', ')}`);
  }
  await checkAppDatabase(options.appUrl, migrationNames());
}
