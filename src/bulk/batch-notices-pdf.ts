// A batch's notices printed as one PDF: a cover list, then every case's latest notice, one copy per party, in
// the batch's order. This side reads the notices and derives the rating codes; the document worker draws the file
// (batch-notices-document.ts) and streams it out as it goes, paced by the reader. One file holds at most
// NOTICES_PER_FILE notices (a larger batch prints in parts, `?part=2` and on).
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { DocumentRenderer } from '../common/document-renderer.js';
import type { CaseBatch } from '../intake/case-batch.entity.js';
import type { NoticeContent } from '../referral/notice-text.js';
import { ratingCodeFor } from '../referral/rating-code.js';

export const NOTICES_PER_FILE = 300;
const READ_AT_ONCE = 25;

interface NoticeEntry {
  notice_id: string;
  external_ref: string | null;
  number: string;
  parties: string[];
}

/** The latest notice of each case of the batch that has one, in the batch's order. */
async function findBatchNotices(m: EntityManager, actor: Actor, batchId: string): Promise<NoticeEntry[]> {
  return m.query(
    `SELECT n.id AS notice_id, c.external_ref, n.number,
        ARRAY(SELECT p->>'name' FROM jsonb_array_elements(n.content->'parties') AS p) AS parties
     FROM cases c
     JOIN LATERAL (SELECT rn.id, rn.number, rn.content FROM referral_notices rn WHERE rn.case_id = c.id
       ORDER BY rn.notice_version DESC LIMIT 1) n ON true
     WHERE c.batch_id = $1 AND c.court_id = $2 ORDER BY c.created_at, c.external_ref, c.id`,
    [batchId, actor.courtId],
  );
}

export interface BatchNoticesPdf {
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
): Promise<BatchNoticesPdf> {
  const all = await findBatchNotices(m, actor, batch.id);
  const parts = Math.max(1, Math.ceil(all.length / NOTICES_PER_FILE));
  const first = (Math.min(part, parts) - 1) * NOTICES_PER_FILE;
  const entries = all.slice(first, first + NOTICES_PER_FILE);
  const name = batch.batchRef ?? batch.startedAt.toISOString().slice(0, 10);
  const notices: { content: NoticeContent; ratingCodes: [string, string][] }[] = [];
  for (let i = 0; i < entries.length; i += READ_AT_ONCE) {
    const ids = entries.slice(i, i + READ_AT_ONCE).map((e) => e.notice_id);
    const rows: { id: string; content: NoticeContent }[] = await m.query(
      `SELECT id, content FROM referral_notices WHERE id = ANY($1::uuid[]) AND court_id = $2`,
      [ids, actor.courtId],
    );
    const byId = new Map(rows.map((r) => [r.id, r.content]));
    for (const id of ids) {
      const content = byId.get(id)!;
      const ratingCodes = content.parties.map((p): [string, string] => [
        p.partyId,
        ratingCodeFor(ratingSecret, p.partyId),
      ]);
      notices.push({ content, ratingCodes });
    }
  }
  const stream = await renderer.stream('batch-notices', {
    name,
    entries: entries.map((e) => ({ externalRef: e.external_ref, number: e.number, parties: e.parties })),
    at: { first, part: Math.min(part, parts), parts },
    notices,
  });
  const suffix = parts > 1 ? `-第${Math.min(part, parts)}部分` : '';
  return { stream, fileName: `诉前调解告知书-${name}${suffix}.pdf`, parts };
}
