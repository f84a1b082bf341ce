// `npm run migrate`: applies the pending migrations on their own, as the schema owner
// (MIGRATION_DATABASE_URL for an external server; the embedded superuser of DATA_DIR otherwise), then
// checks over the app's login (DATABASE_URL) that the schema matches and the login is least-privilege.
import 'reflect-metadata';
import { ConfigError, loadEnv } from '../config/env.js';
import { runningPort } from './backup.js';
import { checkAppDatabase } from './schema-check.js';
import { migrationNames, runMigrations } from './database.js';
import { EmbeddedPostgres, type DatabaseUrls } from './embedded-postgres.js';

async function main(): Promise<number> {
  const env = loadEnv();
  let embedded: EmbeddedPostgres | undefined;
  let urls: Partial<DatabaseUrls>;
  if (env.databaseUrl) {
    if (!env.migrationDatabaseUrl) {
      console.error('npm run migrate 需要 MIGRATION_DATABASE_URL（拥有数据表的所有者账号）与 DATABASE_URL（程序账号）');
      return 2;
    }
    urls = { ownerUrl: env.migrationDatabaseUrl, appUrl: env.databaseUrl };
  } else {
    if (runningPort(env.dataDir) !== undefined) {
      console.error('内置数据库正在运行：平台启动时已自动迁移；请先停止平台再单独迁移');
      return 2;
    }
    embedded = new EmbeddedPostgres({ dataDir: env.dataDir, database: 'mediation' });
    urls = await embedded.start();
  }
  try {
    const ran = await runMigrations(urls.ownerUrl!);
    console.log(
      ran.length > 0 ? `已执行迁移: ${ran.join(', ')}` : `数据库已是最新（${migrationNames().length} 个迁移）`,
    );
    await checkAppDatabase(urls.appUrl!, migrationNames());
    console.log('程序账号检查通过：结构与程序一致，最小权限');
    return 0;
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `迁移失败: ${(error as Error).message}`);
    process.exit(1);
  },
);
