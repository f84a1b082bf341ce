// A batch's notices printed as one PDF: a cover list, then every case's latest notice, one copy per party, in
// the batch's order. Notices are read and drawn a few dozen at a time and their pages flushed to the response
// as they are done, so the file is never held whole; one file holds at most NOTICES_PER_FILE notices (a
// larger batch prints in parts, `?part=2` and on).
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { createPdfDocument } from '../common/pdf.js';
import type { CaseBatch } from '../intake/case-batch.entity.js';
import { renderNoticeCopies } from '../referral/notice-pdf.js';
import type { NoticeContent } from '../referral/notice-text.js';
import { ratingCodeFor } from '../referral/rating-code.js';

export const NOTICES_PER_FILE = 300;
const READ_AT_ONCE = 25;
/** U+3000, the full-width space between two items on one line of a Chinese document. */
const IDEOGRAPHIC_SPACE = '\u3000';

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
): Promise<BatchNoticesPdf> {
  const all = await findBatchNotices(m, actor, batch.id);
  const parts = Math.max(1, Math.ceil(all.length / NOTICES_PER_FILE));
  const first = (Math.min(part, parts) - 1) * NOTICES_PER_FILE;
  const entries = all.slice(first, first + NOTICES_PER_FILE);
  const name = batch.batchRef ?? batch.startedAt.toISOString().slice(0, 10);
  const doc = createPdfDocument({ title: `诉前调解告知书 批次${name}` });
  const write = async () => {
    cover(doc, name, entries, { first, part: Math.min(part, parts), parts });
    for (let i = 0; i < entries.length; i += READ_AT_ONCE) {
      const ids = entries.slice(i, i + READ_AT_ONCE).map((e) => e.notice_id);
      const rows: { id: string; content: NoticeContent }[] = await m.query(
        `SELECT id, content FROM referral_notices WHERE id = ANY($1::uuid[]) AND court_id = $2`,
        [ids, actor.courtId],
      );
      const byId = new Map(rows.map((r) => [r.id, r.content]));
      for (const id of ids) {
        const content = byId.get(id)!;
        const codes = new Map(content.parties.map((p) => [p.partyId, ratingCodeFor(ratingSecret, p.partyId)]));
        await renderNoticeCopies(doc, content, codes, true);
        doc.flushPages();
      }
    }
    doc.end();
  };
  write().catch((error: Error) => doc.destroy(error));
  const suffix = parts > 1 ? `-第${Math.min(part, parts)}部分` : '';
  return { stream: doc, fileName: `诉前调解告知书-${name}${suffix}.pdf`, parts };
}

/** 告知书清单: what the file holds, in order, with how many copies each notice has. */
function cover(
  doc: PDFKit.PDFDocument,
  name: string,
  entries: readonly NoticeEntry[],
  at: { first: number; part: number; parts: number },
): void {
  doc.font('cjk-bold').fontSize(16).text(`诉前调解告知书清单（批次 ${name}）`, { align: 'center' });
  doc.moveDown(0.5);
  const copies = entries.reduce((sum, e) => sum + e.parties.length, 0);
  const where = at.parts > 1 ? `第 ${at.part} 部分，共 ${at.parts} 部分；` : '';
  doc.font('cjk').fontSize(10.5).text(`${where}告知书 ${entries.length} 份，每名当事人一份，共 ${copies} 份。`);
  if (entries.length === 0) doc.text('本批次尚未发出告知书。');
  doc.moveDown(0.5);
  entries.forEach((e, i) => {
    const ref = e.external_ref ?? '';
    doc.text(
      [`${at.first + i + 1}．${ref}`, e.number, `${e.parties.join('、')}（${e.parties.length} 份）`].join(
        IDEOGRAPHIC_SPACE,
      ),
    );
  });
  doc.flushPages();
}
