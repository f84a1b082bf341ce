import 'reflect-metadata';
import path from 'node:path';
import { createApp } from './app.factory.js';
import { ConfigError, loadEnv, type AppEnv } from './config/env.js';
import { randomSecret, readOrCreateSecret } from './config/secret-files.js';
import { prepareDatabase } from './database/database.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { seedDemoIfEmpty } from './demo/demo-seed.js';

/** In embedded mode the signing key is generated once and kept in DATA_DIR/secrets (0600). */
const embeddedJwtSecret = (dataDir: string) => readOrCreateSecret(dataDir, 'jwt-secret', randomSecret(48));

async function bootstrap(env: AppEnv): Promise<void> {
  const embedded = env.databaseUrl ? undefined : new EmbeddedPostgres({ dataDir: env.dataDir, database: 'mediation' });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    if (embedded) console.log(`starting embedded PostgreSQL in ${path.resolve(env.dataDir, 'pg')} ...`);
    const urls = embedded ? await embedded.start() : { appUrl: env.databaseUrl!, ownerUrl: env.migrationDatabaseUrl };
    await prepareDatabase({ ...urls, migrate: env.migrateOnStart, log: (line) => console.log(line) });
    const databaseUrl = urls.appUrl;
    app = await createApp({
      databaseUrl,
      jwtSecret: env.jwtSecret ?? embeddedJwtSecret(env.dataDir),
      jwtTtlSeconds: env.jwtTtlSeconds,
      logLevel: env.logLevel,
      runScheduledJobs: true,
    });
    if (embedded || process.env.SEED_DEMO === '1') await seedDemoIfEmpty(app, env.demoPassword);
    await app.listen(env.port, '0.0.0.0');
    const base = `http://localhost:${env.port}`;
    console.log(`诉前调解案件平台已启动: ${base}/  API 文档: ${base}/api/docs  健康检查: ${base}/health`);
  } catch (error) {
    console.error('start-up failed:', error instanceof Error ? error.message : error);
    await stop(1);
  }
}

let env: AppEnv;
try {
  env = loadEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
void bootstrap(env);
