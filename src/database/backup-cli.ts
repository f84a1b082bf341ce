// `npm run backup [-- FILE]`: a consistent backup of the embedded database in DATA_DIR, taken while the
// platform runs (or, when it is stopped, with the database started for the backup alone). See backup.ts
// and docs/backup.md; an external server (DATABASE_URL) is backed up with pg_dump or PITR instead.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadEnv } from '../config/env.js';
import { backupEmbedded, runningPort } from './backup.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

async function main(): Promise<number> {
  const env = loadEnv();
  if (env.databaseUrl) {
    console.error('npm run backup 只备份内置数据库；外部 PostgreSQL 请用 pg_dump 或 PITR（见 docs/backup.md）');
    return 2;
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const file = process.argv[2] ?? path.join('backups', `mediation-${stamp}.tar.gz`);
  if (!existsSync(path.resolve(env.dataDir, 'pg', 'PG_VERSION'))) {
    console.error(`${path.resolve(env.dataDir)} 中没有内置数据库（DATA_DIR 是否正确？）`);
    return 2;
  }
  let port = runningPort(env.dataDir);
  let started: EmbeddedPostgres | undefined;
  if (port === undefined) {
    started = new EmbeddedPostgres({ dataDir: env.dataDir, database: 'mediation' });
    port = Number(new URL((await started.start()).ownerUrl).port);
  }
  try {
    const result = await backupEmbedded(env.dataDir, file, port);
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    console.log(`备份完成: ${result.file} (${mb} MB, WAL ${result.manifest.startLsn} … ${result.manifest.stopLsn})`);
    console.log(`SHA-256 ${result.sha256}（已写入 ${result.file}.sha256，恢复时核对；请与备份一起保存，最好另存一份）`);
    console.log('备份含数据库密码与签名密钥，请像它们一样保管（文件权限 0600）。');
    return 0;
  } finally {
    await started?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `备份失败: ${(error as Error).message}`);
    process.exit(1);
  },
);
