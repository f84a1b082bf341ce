// The electronic file built with the transfer (issue 29 part 4, 《人民法院在线诉讼规则》 art. 35 随案同步生成电子卷宗):
// the steps that send a case to trial (转立案, 起诉立案 after voluntary mediation, 转入审理) record, in their own
// transaction and right after their own event, that the case's file is ready and what it holds: its name, where
// it is downloaded, and every attachment entry with the SHA-256 and size the package will carry. The documents
// are rendered when the package is downloaded (a PDF's bytes carry the moment it was made), so they are counted
// by the download, not here.
import { IsNull, type EntityManager } from 'typeorm';
import type { Case } from '../cases/case.entity.js';
import { filePackageName } from '../cases/file-package-link.js';
import { CaseAttachment } from './case-attachment.entity.js';
import { packageFiles } from './file-package-manifest.js';

const FILE_PACKAGE_READY = 'CASE_FILE_PACKAGE_READY';

/** The history event naming the case's package, for a step's `alsoRecorded` (the case has its new number). */
export async function filePackageReady(m: EntityManager, c: Case) {
  const attachments = await m.find(CaseAttachment, {
    where: { caseId: c.id, withdrawnAt: IsNull() },
    order: { addedAt: 'ASC', id: 'ASC' },
  });
  const entries = packageFiles({ documents: [], documentHashes: [], attachments });
  return {
    action: FILE_PACKAGE_READY,
    details: {
      fileName: filePackageName(c),
      attachments: entries.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
      bytes: entries.reduce((sum, f) => sum + f.size, 0),
    },
  };
}
