// One PostgreSQL per test run: the embedded one, or the server named by DATABASE_URL (the app's own
// least-privilege login) and MIGRATION_DATABASE_URL (the schema owner, with CREATEDB), as in production.
// Migrations run once, as the owner, into a template database; each test file clones it (as the owner)
// and its app connects with the app's login.
// Plain ESM importing the build: Jest loads global setup outside its module mapper.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import 'reflect-metadata';
import { runMigrations } from '../../dist/src/database/database.js';
import { EmbeddedPostgres } from '../../dist/src/database/embedded-postgres.js';

const TEMPLATE_DB = 'mp_test_template';

function serverUrlOf(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '/';
  return url.toString();
}

export default async function globalSetup() {
  let ownerServer;
  let appServer;
  if (process.env.DATABASE_URL) {
    if (!process.env.MIGRATION_DATABASE_URL) {
      throw new Error(
        'with DATABASE_URL (the app login) the tests also need MIGRATION_DATABASE_URL (the owner, with CREATEDB)',
      );
    }
    ownerServer = serverUrlOf(process.env.MIGRATION_DATABASE_URL);
    appServer = serverUrlOf(process.env.DATABASE_URL);
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mp-test-'));
    // A throwaway cluster: nothing is flushed to disk (the run's thousands of commits wait for no disk).
    const embedded = new EmbeddedPostgres({
      dataDir,
      database: 'postgres',
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
    });
    const urls = await embedded.start();
    ownerServer = serverUrlOf(urls.ownerUrl);
    appServer = serverUrlOf(urls.appUrl);
    globalThis.__embeddedPg = embedded;
    globalThis.__embeddedPgDir = dataDir;
  }
  const admin = new pg.Client({ connectionString: `${ownerServer}postgres` });
  await admin.connect();
  const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'mp_test_%'`);
  for (const row of stale.rows) {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(row.datname)} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await runMigrations(`${ownerServer}${TEMPLATE_DB}`);
  process.env.TEST_PG_OWNER_URL = ownerServer;
  process.env.TEST_PG_APP_URL = appServer;
}
