import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import type { AppOptions } from '../../src/app-options.js';
import type { Clock } from '../../src/common/clock.js';
import { seedCourt, type CourtSpec, type DemoUser, type SeededCourt } from '../../src/demo/demo-seed.js';

/** A court that has not switched to the 2025 procedure: new registrations still run the old 诉前调解. */
export const LEGACY_COURT: Partial<CourtSpec> = { legacyUntil: '2100-01-01' };

export const TEST_PASSWORD = 'Test-pass-2026';
const TEMPLATE_DB = 'mp_test_template';

/** The server as the schema owner and as the app's login (global-setup.mjs), each ending in `/`. */
function serverUrl(who: 'owner' | 'app'): string {
  const url = process.env[who === 'owner' ? 'TEST_PG_OWNER_URL' : 'TEST_PG_APP_URL'];
  if (!url) throw new Error('TEST_PG_OWNER_URL is not set: run the tests through jest (global setup)');
  return url;
}

/** A fresh database cloned (by the owner) from the migrated template; returns the app's URL for it. */
export async function createTestDatabase(): Promise<string> {
  const name = `mp_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${serverUrl('owner')}postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  return `${serverUrl('app')}${name}`;
}

/** The owner's URL for the database of an app URL (for what only the owner may do: ANALYZE, fixtures). */
export function ownerUrlOf(appUrl: string): string {
  return `${serverUrl('owner')}${new URL(appUrl).pathname.slice(1)}`;
}

export interface TestApp {
  app: NestFastifyApplication;
  /** The app's own connections (its least-privilege login). */
  dataSource: DataSource;
  /** The app's URL of this test's database. */
  databaseUrl: string;
  /** The schema owner's URL of the same database. */
  ownerUrl: string;
  http: () => ReturnType<typeof request>;
  /**
   * A court with one user per role. Unless `court` says otherwise it is one that kept the old 诉前调解 open
   * (LEGACY_COURT): the suite written for that procedure runs on it; a test of the 2025 procedure passes
   * `{ legacyUntil: DEFAULT_LEGACY_UNTIL }` (or uses `seedCourt2025`).
   */
  seedCourt(code: string, prefix: string, court?: Partial<CourtSpec>): Promise<SeededCourt>;
  /** A bearer token for a username (cached). */
  token(username: string): Promise<string>;
  close(): Promise<void>;
}

/** A test court: 测试法院<code>, a million people, the demo staff's usernames after `prefix`, the old procedure. */
export const testCourt = (code: string, prefix: string, court: Partial<CourtSpec> = {}): CourtSpec => ({
  code,
  name: `测试法院${code}`,
  population: 1_000_000,
  usernamePrefix: prefix,
  password: TEST_PASSWORD,
  ...LEGACY_COURT,
  ...court,
});

export async function startTestApp(
  options: { clock?: Clock; databaseUrl?: string } & Partial<AppOptions> = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const app = await createApp({
    databaseUrl,
    jwtSecret: 'test-secret-that-is-long-enough-0123456789',
    jwtTtlSeconds: 3600,
    logLevel: (process.env.TEST_LOG_LEVEL as AppOptions['logLevel']) ?? 'silent',
    runScheduledJobs: false,
    poolSize: 10,
    apiDocsUi: false,
    // The suites log in as every role by password alone; the tests of the second factor require it
    // (test/e2e/security-second-factor.e2e.spec.ts).
    adminSecondFactor: 'optional',
    ...options,
  });
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const tokens = new Map<string, string>();
  return {
    app,
    dataSource,
    databaseUrl,
    ownerUrl: ownerUrlOf(databaseUrl),
    http: () => request(app.getHttpServer()),
    seedCourt: (code, prefix, court) => seedCourt(dataSource, testCourt(code, prefix, court)),
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ username, password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, res.body.accessToken as string);
      return res.body.accessToken as string;
    },
    close: () => app.close(),
  };
}

export type { DemoUser };
