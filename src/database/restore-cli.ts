// `npm run restore -- FILE [--sha256=HEX]`: restores a backup made by `npm run backup` into DATA_DIR, whose
// database must be stopped. The archive's SHA-256 must match FILE.sha256 (or HEX) and every member must be a
// plain file or directory of the backup (backup-archive.ts). The previous pg/ and secrets/ are kept beside it
// (…before-restore-<time>).
import { ConfigError, loadEnv } from '../config/env.js';
import { restoreEmbedded } from './backup.js';

async function main(): Promise<number> {
  const env = loadEnv();
  const args = process.argv.slice(2);
  const sha256 = args.find((a) => a.startsWith('--sha256='))?.slice('--sha256='.length);
  const [file, ...rest] = args.filter((a) => !a.startsWith('--sha256='));
  if (!file || rest.length > 0 || env.databaseUrl) {
    console.error(
      '用法: DATA_DIR=./data npm run restore -- 备份文件.tar.gz [--sha256=校验值]（只用于内置数据库，平台须已停止；' +
        '默认核对备份旁的 .sha256 文件）',
    );
    return 2;
  }
  const { manifest, kept, sha256: checked } = await restoreEmbedded(file, env.dataDir, sha256);
  console.log(`已核对 SHA-256 ${checked} 和备份中的每个文件`);
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
