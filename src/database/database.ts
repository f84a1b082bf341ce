import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { migrations } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// Calendar dates stay 'YYYY-MM-DD' strings (China dates), never JS Dates in the server's zone.
const PG_DATE = 1082;
const PG_DATE_ARRAY = 1182;
pg.types.setTypeParser(PG_DATE, (value: string) => value);
pg.types.setTypeParser(PG_DATE_ARRAY as typeof PG_DATE, (value: string) =>
  value === '{}' ? [] : value.slice(1, -1).split(','),
);

/** The least-privilege role the running app acts as (no UPDATE/DELETE on the history). */
export const APP_DB_ROLE = 'mediation_app';

/** Options for the app's connections: every session switches to the app role at start-up. */
export function appConnectionOptions(url: string, poolSize = 20): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      options: `-c role=${APP_DB_ROLE}`,
      max: poolSize,
      // How long a request waits for a connection: a refused or lost database fails at once (503), and a
      // burst queues for the pool instead of failing (no transaction holds two connections, so the queue
      // always drains).
      connectionTimeoutMillis: 10_000,
      // Fail a statement rather than hang a request when the database stalls.
      statement_timeout: 30_000,
    },
  };
}

/** Runs pending migrations as the connecting (owner) role. */
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
    await dataSource.query('SELECT pg_advisory_lock(7480001)');
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock(7480001)');
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
