// A batch's notices printed as one PDF: a cover list, then every case's latest notice, one copy per party, in
// the batch's order. This side reads the notices (through bulk-queries.ts) and derives the rating codes; the
// document worker draws the file (batch-notices-document.ts) and streams it out as it goes, paced by the reader.
// One file holds at most NOTICES_PER_FILE notices (a larger batch prints in parts, `?part=2` and on). Who serves
// the notices (the window, NOTICE_SERVER_ROLES) gets the service copies with each party's code; anyone else the
// file copies without codes. Each printed notice is in its case's history before the file goes out.
import { hasPermission } from '../auth/permissions.js';
import type { Readable } from 'node:stream';
import type { AuditEntry } from '../audit/audit.service.js';
import { caseEventEntry } from '../cases/case-history.js';
import type { Actor } from '../common/actor.js';
import type { DocumentRenderer } from '../common/document-renderer.js';
import type { CaseBatch } from '../intake/case-batch.entity.js';
import type { NoticeContent } from '../referral/notice-text.js';
import { ratingCodeFor } from '../referral/rating-code.js';
import { FILE_COPY_CODE_NOTE, USED_CODE_NOTE } from '../referral/notice-copies.js';
import type { BatchNotice } from './batch-notices-document.js';
import type { BulkQueries } from './bulk-queries.js';

const NOTICES_PER_FILE = 300;
const READ_AT_ONCE = 25;

interface BatchNoticesPdf {
  stream: Readable;
  fileName: string;
  parts: number;
}

/**
 * The part'th file of the batch's notices (1-based); an empty list when the batch has no notice yet. `record`
 * puts the printed notices in their cases' history.
 */
export async function batchNoticesPdf(
  reads: Pick<BulkQueries, 'batchNotices' | 'noticeContents'>,
  actor: Actor,
  batch: CaseBatch,
  part: number,
  ratingSecret: string,
  renderer: DocumentRenderer,
  record: (entries: AuditEntry[]) => Promise<void>,
): Promise<BatchNoticesPdf> {
  const all = await reads.batchNotices(actor, batch.id);
  const parts = Math.max(1, Math.ceil(all.length / NOTICES_PER_FILE));
  const first = (Math.min(part, parts) - 1) * NOTICES_PER_FILE;
  const entries = all.slice(first, first + NOTICES_PER_FILE);
  const name = batch.batchRef ?? batch.startedAt.toISOString().slice(0, 10);
  const serving = hasPermission(actor, 'notices.printServiceCopies');
  const notices: BatchNotice[] = [];
  for (let i = 0; i < entries.length; i += READ_AT_ONCE) {
    const ids = entries.slice(i, i + READ_AT_ONCE).map((e) => e.notice_id);
    const rows = await reads.noticeContents(actor, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const { content, used } = byId.get(id)!;
      notices.push(serving ? serviceCopies(content, new Set(used), ratingSecret) : fileCopies(content));
    }
  }
  await record(
    entries.map((e) => {
      const c = { id: e.case_id, courtId: e.court_id, status: e.status };
      const printed = { noticeId: e.notice_id, number: e.number, batchId: batch.id };
      return serving
        ? caseEventEntry(c, 'NOTICE_SERVICE_COPY_PRINTED', null, {
            ...printed,
            parties: e.parties.map((partyName, k) => ({ partyId: e.party_ids[k], name: partyName })),
          })
        : caseEventEntry(c, 'CASE_DOCUMENT_PRINTED', null, { ...printed, document: 'notice', copy: 'FILE' });
    }),
  );
  const stream = await renderer.stream('batch-notices', {
    name,
    entries: entries.map((e) => ({ externalRef: e.external_ref, number: e.number, parties: e.parties })),
    at: { first, part: Math.min(part, parts), parts },
    notices,
  });
  const suffix = parts > 1 ? `-第${Math.min(part, parts)}部分` : '';
  return { stream, fileName: `诉前调解告知书-${name}${suffix}.pdf`, parts };
}

/** The service copies of a notice: each party's own code, or a note where the party has used it. */
function serviceCopies(content: NoticeContent, used: ReadonlySet<string>, ratingSecret: string): BatchNotice {
  const unused = content.parties.filter((p) => !used.has(p.partyId));
  return {
    content,
    ratingCodes: unused.map((p): [string, string] => [p.partyId, ratingCodeFor(ratingSecret, p.partyId)]),
    codeNotes: [...used].map((id): [string, string] => [id, USED_CODE_NOTE]),
  };
}

/** The file copies of a notice: no code on any. */
function fileCopies(content: NoticeContent): BatchNotice {
  const codeNotes = content.parties.map((p): [string, string] => [p.partyId, FILE_COPY_CODE_NOTE]);
  return { content, ratingCodes: [], codeNotes };
}
