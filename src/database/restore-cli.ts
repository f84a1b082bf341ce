// `npm run restore -- FILE`: restores a backup made by `npm run backup` into DATA_DIR, whose database
// must be stopped. The previous pg/ and secrets/ are kept beside it (…before-restore-<time>).
import { ConfigError, loadEnv } from '../config/env.js';
import { restoreEmbedded } from './backup.js';

async function main(): Promise<number> {
  const env = loadEnv();
  const file = process.argv[2];
  if (!file || env.databaseUrl) {
    console.error('用法: DATA_DIR=./data npm run restore -- 备份文件.tar.gz（只用于内置数据库，平台须已停止）');
    return 2;
  }
  const { manifest, kept } = await restoreEmbedded(file, env.dataDir);
  console.log(`已恢复 ${file}（备份于 ${manifest.createdAt}，PostgreSQL ${manifest.serverVersion}）到 ${env.dataDir}`);
  for (const dir of kept) console.log(`原有数据已移至 ${dir}`);
  console.log('启动平台（npm start）时数据库按备份中的 WAL 恢复到备份结束时的状态。');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `恢复失败: ${(error as Error).message}`);
    process.exit(1);
  },
);
