// `npm run seed:demo`: seeds the demo court into the database named by DATABASE_URL.
import 'reflect-metadata';
import { createApp } from '../app.factory.js';
import { loadEnv } from '../config/env.js';
import { prepareDatabase } from '../database/database.js';
import { seedDemoIfEmpty } from './demo-seed.js';

const env = loadEnv();
if (!env.databaseUrl || !env.jwtSecret) {
  console.error('seed:demo needs DATABASE_URL and JWT_SECRET (npm start seeds the embedded database by itself)');
  process.exit(1);
}
// Migrates first when given the owner's login (MIGRATION_DATABASE_URL); always checks the schema and the login.
await prepareDatabase({
  appUrl: env.databaseUrl,
  ownerUrl: env.migrationDatabaseUrl,
  migrate: env.migrationDatabaseUrl !== undefined,
  log: (line) => console.log(line),
});
const app = await createApp({
  databaseUrl: env.databaseUrl,
  jwtSecret: env.jwtSecret,
  jwtTtlSeconds: env.jwtTtlSeconds,
  logLevel: 'warn',
  runScheduledJobs: false,
});
const seeded = await seedDemoIfEmpty(app, env.demoPassword);
if (!seeded) console.log('database already has courts; nothing seeded');
await app.close();
