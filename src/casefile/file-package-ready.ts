// The electronic file generated with the transfer (issue 29 part 4, 《人民法院在线诉讼规则》 art. 35 随案同步生成电子卷宗):
// the steps that send a case to trial (转立案, 起诉立案 after voluntary mediation, 转入审理) request, in their own
// transaction and right after their own event, the case's package: what it is made of is read there (the case
// as it is handed over) and kept with the request, and the history names the package and every attachment entry
// with the SHA-256 and size it will carry. The ZIP itself is built after the step commits, off the request
// (file-package-builder.ts), and stored: the download serves those bytes from then on.
import type { EntityManager } from 'typeorm';
import type { Case } from '../cases/case.entity.js';
import { filePackageName } from '../cases/file-package-link.js';
import type { Clock } from '../common/clock.js';
import { CaseFilePackage } from './case-file-package.entity.js';
import { packageFiles } from './file-package-manifest.js';
import type { FilePackageService } from './file-package.service.js';

const FILE_PACKAGE_READY = 'CASE_FILE_PACKAGE_READY';

/**
 * Requests the case's package for the transfer step `event` (the case has its new number) and returns the
 * history event naming it, for the step's `alsoRecorded`.
 */
export async function requestFilePackage(
  m: EntityManager,
  c: Case,
  event: string,
  deps: { packages: FilePackageService; clock: Clock },
) {
  const now = deps.clock.now();
  const id = (await m.query('SELECT gen_random_uuid() AS id'))[0].id as string;
  const snapshot = await deps.packages.snapshot(m, c, now, { id, event });
  const fileName = filePackageName(c);
  await m.insert(CaseFilePackage, {
    id,
    caseId: c.id,
    courtId: c.courtId,
    event,
    fileName,
    requestedAt: now,
    snapshot,
    status: 'PENDING',
    attempts: 0,
    nextAttemptAt: now,
  });
  const entries = packageFiles({ documents: [], documentHashes: [], attachments: snapshot.attachments });
  return {
    action: FILE_PACKAGE_READY,
    details: {
      packageId: id,
      fileName,
      attachments: entries.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
      bytes: entries.reduce((sum, f) => sum + f.size, 0),
    },
  };
}
