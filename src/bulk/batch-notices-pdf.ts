// A batch's notices printed as one PDF: a cover list, then every case's latest notice, one copy per party, in
// the batch's order. This side reads the notices and derives the rating codes; the document worker draws the file
// (batch-notices-document.ts) and streams it out as it goes, paced by the reader. One file holds at most
// NOTICES_PER_FILE notices (a larger batch prints in parts, `?part=2` and on). Who serves the notices (the
// window, NOTICE_SERVER_ROLES) gets the service copies with each party's code; anyone else the file copies
// without codes. Each printed notice is in its case's history before the file goes out.
import { hasPermission } from '../auth/permissions.js';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { caseEventEntry } from '../cases/case-history.js';
import type { CaseStatus } from '../cases/case-status.js';
import type { Actor } from '../common/actor.js';
import type { DocumentRenderer } from '../common/document-renderer.js';
import type { CaseBatch } from '../intake/case-batch.entity.js';
import type { NoticeContent } from '../referral/notice-text.js';
import { ratingCodeFor } from '../referral/rating-code.js';
import { FILE_COPY_CODE_NOTE, USED_CODE_NOTE } from '../referral/notice-copies.js';
import type { BatchNotice } from './batch-notices-document.js';

const NOTICES_PER_FILE = 300;
const READ_AT_ONCE = 25;

interface NoticeEntry {
  case_id: string;
  court_id: string;
  status: CaseStatus;
  notice_id: string;
  external_ref: string | null;
  number: string;
  parties: string[];
  party_ids: string[];
}

/** The latest notice of each case of the batch that has one, in the batch's order. */
async function findBatchNotices(m: EntityManager, actor: Actor, batchId: string): Promise<NoticeEntry[]> {
  return m.query(
    `SELECT c.id AS case_id, c.court_id, c.status, n.id AS notice_id, c.external_ref, n.number,
        ARRAY(SELECT p->>'name' FROM jsonb_array_elements(n.content->'parties') AS p) AS parties,
        ARRAY(SELECT p->>'partyId' FROM jsonb_array_elements(n.content->'parties') AS p) AS party_ids
     FROM cases c
     JOIN LATERAL (SELECT rn.id, rn.number, rn.content FROM referral_notices rn WHERE rn.case_id = c.id
       ORDER BY rn.notice_version DESC LIMIT 1) n ON true
     WHERE c.batch_id = $1 AND c.court_id = $2 ORDER BY c.created_at, c.external_ref, c.id`,
    [batchId, actor.courtId],
  );
}

interface BatchNoticesPdf {
  stream: Readable;
  fileName: string;
  parts: number;
}

/** The part'th file of the batch's notices (1-based); an empty list when the batch has no notice yet. */
export async function batchNoticesPdf(
  m: EntityManager,
  actor: Actor,
  batch: CaseBatch,
  part: number,
  ratingSecret: string,
  renderer: DocumentRenderer,
  audit: AuditService,
): Promise<BatchNoticesPdf> {
  const all = await findBatchNotices(m, actor, batch.id);
  const parts = Math.max(1, Math.ceil(all.length / NOTICES_PER_FILE));
  const first = (Math.min(part, parts) - 1) * NOTICES_PER_FILE;
  const entries = all.slice(first, first + NOTICES_PER_FILE);
  const name = batch.batchRef ?? batch.startedAt.toISOString().slice(0, 10);
  const serving = hasPermission(actor, 'notices.printServiceCopies');
  const notices: BatchNotice[] = [];
  for (let i = 0; i < entries.length; i += READ_AT_ONCE) {
    const ids = entries.slice(i, i + READ_AT_ONCE).map((e) => e.notice_id);
    const rows: { id: string; content: NoticeContent; used: string[] }[] = await m.query(
      `SELECT n.id, n.content,
          ARRAY(SELECT r.party_id::text FROM party_rating_codes r
                WHERE r.case_id = n.case_id AND r.used_at IS NOT NULL) AS used
       FROM referral_notices n WHERE n.id = ANY($1::uuid[]) AND n.court_id = $2`,
      [ids, actor.courtId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const { content, used } = byId.get(id)!;
      notices.push(serving ? serviceCopies(content, new Set(used), ratingSecret) : fileCopies(content));
    }
  }
  await audit.recordMany(
    m,
    actor,
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
