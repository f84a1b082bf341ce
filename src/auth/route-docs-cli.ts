// `npm run docs:routes` (and `npm run access-matrix`): writes docs/routes.md, docs/access-matrix.md and
// docs/permissions.md from the app's route metadata.
import 'reflect-metadata';
import { writeFileSync, mkdirSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module.js';
import { accessMatrixMarkdown, permissionsMarkdown, routeInventory, routesMarkdown } from './route-inventory.js';

// The module graph is built without connecting anywhere: TypeORM connects lazily on init, which we skip.
const app = await NestFactory.create(
  AppModule.forRoot({
    databaseUrl: 'postgres://unused@127.0.0.1:1/unused',
    jwtSecret: 'x'.repeat(32),
    jwtTtlSeconds: 60,
    logLevel: 'silent',
    runScheduledJobs: false,
  }),
  new FastifyAdapter(),
  { logger: false, abortOnError: false, preview: true },
);
const routes = routeInventory(app);
mkdirSync('docs', { recursive: true });
writeFileSync('docs/access-matrix.md', accessMatrixMarkdown(routes));
writeFileSync('docs/routes.md', routesMarkdown(routes));
writeFileSync('docs/permissions.md', permissionsMarkdown(routes));
console.log('docs/access-matrix.md, docs/routes.md and docs/permissions.md written');
process.exit(0);
