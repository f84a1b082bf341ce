import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.factory.js';
import { caseFileLimitsOf } from './casefile/casefile-limits.js';
import { ConfigError, loadEnv, type AppEnv } from './config/env.js';
import { randomSecret, readOrCreateSecret } from './config/secret-files.js';
import { prepareDatabase } from './database/database.js';
import { EmbeddedPostgres } from './database/embedded-postgres.js';
import { DEMO_USERNAMES, seedDemoIfEmpty } from './demo/demo-seed.js';
import { DrainState } from './health/drain-state.js';
import { courtSigningKeyOf } from './signing/court-seal.js';
import { EmbeddedDatabaseState } from './health/embedded-database-state.js';
import { processLog, type ProcessLog } from './logging.js';
import { rareFontAvailable, rareFontMissingMessage } from './common/rare-font.js';

/** In embedded mode the signing key is generated once and kept in DATA_DIR/secrets (0600). */
const embeddedJwtSecret = (dataDir: string) => readOrCreateSecret(dataDir, 'jwt-secret', randomSecret(48));

async function bootstrap(env: AppEnv, log: ProcessLog): Promise<void> {
  const embedded = env.databaseUrl ? undefined : new EmbeddedPostgres({ dataDir: env.dataDir, database: 'mediation' });
  let app: NestFastifyApplication | undefined;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals | 'start-up failure' | 'database failure') => {
    if (stopping) return;
    stopping = true;
    const code = await shutdown({ app, embedded, log, signal, graceSeconds: env.shutdownGraceSeconds });
    process.exit(signal === 'start-up failure' || signal === 'database failure' ? 1 : code);
  };
  // Supervised (issue 28): a dead embedded server is restarted a few times, /health/live says 503 while it is
  // down, and past the bound the process exits with an error so that systemd restarts both.
  embedded?.onStateChange((state, detail) => {
    app?.get(EmbeddedDatabaseState).set(state);
    if (state === 'restarting' || state === 'failed') log.error(detail);
    else if (detail !== 'started' && detail !== 'stopped') log.info(detail);
    if (state === 'failed') {
      log.error('退出进程，由进程管理器（systemd）重新启动应用和数据库');
      void stop('database failure');
    }
  });
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  try {
    if (embedded) log.info(`starting embedded PostgreSQL in ${path.resolve(env.dataDir, 'pg')} ...`);
    const urls = embedded ? await embedded.start() : { appUrl: env.databaseUrl!, ownerUrl: env.migrationDatabaseUrl };
    await prepareDatabase({ ...urls, migrate: env.migrateOnStart, log: (line) => log.info(line) });
    const databaseUrl = urls.appUrl;
    app = await createApp({
      databaseUrl,
      jwtSecret: env.jwtSecret ?? embeddedJwtSecret(env.dataDir),
      jwtTtlSeconds: env.jwtTtlSeconds,
      logLevel: env.logLevel,
      logFormat: env.logFormat,
      metrics: { token: env.metricsToken, port: env.metricsPort },
      runScheduledJobs: true,
      sessionIdleMinutes: env.sessionIdleMinutes,
      sessionMaxHours: env.sessionMaxHours,
      trustProxy: env.trustProxy,
      cookieSecure: env.cookieSecure,
      apiDocs: env.apiDocs,
      adminSecondFactor: env.adminSecondFactor,
      courtNetworks: env.courtNetworks,
      poolSize: env.databasePoolSize,
      caseFileLimits: caseFileLimitsOf(env),
      documents: { workers: env.documentWorkers, queue: env.documentQueue, workerHeapMb: env.documentWorkerHeapMb },
      messages: env.messages,
      courtSigningKey: courtSigningKeyOf(env.courtSigning, env.dataDir),
    });
    const demo = embedded !== undefined || env.seedDemo;
    if (demo) await seedDemoIfEmpty(app, env.demoPassword, (line) => log.info(line));
    await app.listen(env.port, '0.0.0.0');
    banner(log, env, databaseUrl, demo);
    // Printing goes on without it, with blanks for rare characters: said once, here, and on the case page.
    if (!rareFontAvailable()) log.warn(rareFontMissingMessage());
  } catch (error) {
    log.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    await stop('start-up failure');
  }
}

/** The few lines a person needs: where it answers, who can log in, where the data is. */
function banner(log: ProcessLog, env: AppEnv, databaseUrl: string, demo: boolean): void {
  const base = `http://localhost:${env.port}`;
  const data = env.databaseUrl
    ? `外部 PostgreSQL ${serverOf(databaseUrl)}`
    : `${path.resolve(env.dataDir)}（嵌入式 PostgreSQL）`;
  const metrics = env.metricsPort ? `:${env.metricsPort}/metrics` : env.metricsToken ? '/metrics（需令牌）' : '未开启';
  const password = env.demoPassword ? 'DEMO_PASSWORD 所设' : '首次启动时显示的那个';
  const lines = [
    `诉前调解案件平台已启动: ${base}/`,
    `  API 文档  ${base}/api/docs    健康检查 ${base}/health/ready    指标 ${metrics}`,
    `  数据      ${data}`,
    ...(demo ? [`  演示用户  ${DEMO_USERNAMES.join(', ')}（密码: ${password}）`] : []),
    `  停止      Ctrl+C 或 SIGTERM（处理中的请求完成后退出，最长 ${env.shutdownGraceSeconds} 秒）`,
  ];
  if (env.logFormat === 'pretty') for (const line of lines) log.info(line);
  else log.info(lines[0], { address: `${base}/`, data, demoUsers: demo ? DEMO_USERNAMES : [] });
}

/** host:port/database, without the credentials. */
function serverOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.host}${url.pathname}`;
}

interface Shutdown {
  app?: NestFastifyApplication;
  embedded?: EmbeddedPostgres;
  log: ProcessLog;
  signal: NodeJS.Signals | 'start-up failure' | 'database failure';
  graceSeconds: number;
}

/**
 * Readiness turns 503 first (load balancers stop sending), then the server stops accepting and the
 * requests in flight finish, then the database stops; past the grace period the process exits anyway.
 * Returns the exit code: 0 when everything finished in time.
 */
async function shutdown({ app, embedded, log, signal, graceSeconds }: Shutdown): Promise<number> {
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  const forced = setTimeout(() => {
    log.error(`宽限期 ${graceSeconds} 秒已到，仍有请求未完成：强制退出`);
    process.exit(1);
  }, graceSeconds * 1000);
  forced.unref();
  if (app && signal === 'SIGTERM') {
    app.get(DrainState).start();
    // A supervisor's SIGTERM: give the load balancer a moment to see the 503 before the port closes.
    // A person's Ctrl+C (SIGINT) does not wait.
    const notice = Math.min(5, graceSeconds / 5);
    log.info(`收到 ${signal}：/health/ready 改为 503，${notice} 秒后停止接受新连接，处理中的请求完成后退出`);
    await sleep(notice * 1000);
  } else if (app) {
    log.info(`收到 ${signal}：停止接受新连接，处理中的请求完成后退出`);
  }
  let code = 0;
  if (app) {
    await app.close().then(
      () => log.info(`HTTP 服务已关闭，处理中的请求均已完成，数据库连接已释放（${seconds()} 秒）`),
      (error: unknown) => {
        code = 1;
        log.error(`关闭 HTTP 服务时出错: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }
  if (embedded) {
    await embedded.stop().then(
      () => log.info(`嵌入式 PostgreSQL 已停止（${seconds()} 秒）`),
      (error: unknown) => {
        code = 1;
        log.error(`停止嵌入式 PostgreSQL 时出错: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }
  clearTimeout(forced);
  log.info(`已退出（${seconds()} 秒）`);
  return code;
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
void bootstrap(env, processLog(env.logFormat));
