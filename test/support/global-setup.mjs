// One PostgreSQL per test run (the embedded one, or the server in DATABASE_URL).
// Migrations run once into a template database; each test file clones it.
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
  let serverUrl;
  if (process.env.DATABASE_URL) {
    serverUrl = serverUrlOf(process.env.DATABASE_URL);
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'mp-test-'));
    const embedded = new EmbeddedPostgres({ dataDir, database: 'postgres' });
    serverUrl = serverUrlOf(await embedded.start());
    globalThis.__embeddedPg = embedded;
    globalThis.__embeddedPgDir = dataDir;
  }
  const admin = new pg.Client({ connectionString: `${serverUrl}postgres` });
  await admin.connect();
  const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'mp_test_%'`);
  for (const row of stale.rows) {
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(row.datname)} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await runMigrations(`${serverUrl}${TEMPLATE_DB}`);
  process.env.TEST_PG_SERVER_URL = serverUrl;
}
