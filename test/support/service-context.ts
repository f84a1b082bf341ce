// The service tier: the application's modules as a Nest application context (no HTTP listener, no
// pages) on a database cloned from the migrated template, as in the e2e tier. Specs call the services.
import 'reflect-metadata';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppOptions } from '../../src/app-options.js';
import { AppModule } from '../../src/app.module.js';
import { ManualClock } from '../../src/common/clock.js';
import { WebModule } from '../../src/web/web.module.js';
import { at } from './statistics.js';
import { createTestDatabase, ownerUrlOf } from './test-app.js';

export interface ServiceContext {
  app: INestApplicationContext;
  dataSource: DataSource;
  /** The business clock of every service; builders and specs move it. */
  clock: ManualClock;
  databaseUrl: string;
  ownerUrl: string;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * The whole application without its HTTP side: the page module needs the Fastify adapter (reply.view)
 * and only renders; everything it calls is in the other modules.
 */
function contextModule(options: AppOptions) {
  const root = AppModule.forRoot(options);
  return { ...root, imports: (root.imports ?? []).filter((m) => m !== WebModule) };
}

/** Starts the context on a fresh database; its clock is a ManualClock at `now` (default 2026-09-01 10:00, China). */
export async function startServiceContext(
  options: { now?: Date } & Omit<Partial<AppOptions>, 'clock'> = {},
): Promise<ServiceContext> {
  const { now, ...appOptions } = options;
  const databaseUrl = appOptions.databaseUrl ?? (await createTestDatabase());
  const clock = new ManualClock(now ?? at('2026-09-01'));
  const app = await NestFactory.createApplicationContext(
    contextModule({
      databaseUrl,
      jwtSecret: 'test-secret-that-is-long-enough-0123456789',
      jwtTtlSeconds: 3600,
      logLevel: (process.env.TEST_LOG_LEVEL as AppOptions['logLevel']) ?? 'silent',
      runScheduledJobs: false,
      poolSize: 5,
      apiDocsUi: false,
      ...appOptions,
      clock,
    }),
    { logger: false },
  );
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return {
    app,
    dataSource,
    clock,
    databaseUrl,
    ownerUrl: ownerUrlOf(databaseUrl),
    get: (type) => app.get(type),
    close: () => app.close(),
  };
}
