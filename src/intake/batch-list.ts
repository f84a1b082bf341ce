// The batches someone follows, newest first: the court's for its staff, a bank's own for its account (loadBatch's
// rule), each with its cases counted as a bank reads them: settled, ended otherwise, still open.
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { isBankAccount, ownBankBatch } from '../cases/case-access.js';

export interface BatchSummary {
  id: string;
  batchRef: string | null;
  fileName: string | null;
  startedAt: Date;
  imported: number;
  casesTotal: number;
  settled: number;
  /** 调解不成, 期满, 不同意调解, 撤回 and the like: ended without a settlement. */
  ended: number;
  open: number;
}

/** The most batches listed (the newest). */
const BATCHES_LISTED = 100;

export async function listBatches(m: EntityManager, actor: Actor): Promise<BatchSummary[]> {
  const bank = isBankAccount(actor);
  const rows: {
    id: string;
    batch_ref: string | null;
    file_name: string | null;
    started_at: Date;
    imported: number;
    total: number;
    settled: number;
    ended: number;
  }[] = await m.query(
    `SELECT b.id, b.batch_ref, b.file_name, b.started_at, b.imported,
        count(c.id)::int AS total,
        count(c.id) FILTER (WHERE c.status = 'SETTLED')::int AS settled,
        count(c.id) FILTER (WHERE c.status IN ('FAILED', 'EXPIRED', 'REFUSED', 'WITHDRAWN', 'DEEMED_WITHDRAWN'))::int
          AS ended
     FROM (SELECT * FROM case_batches b WHERE b.court_id = $1 ${bank ? `AND ${ownBankBatch('b', '$2')}` : ''}
       ORDER BY b.started_at DESC LIMIT ${BATCHES_LISTED}) b
     LEFT JOIN cases c ON c.batch_id = b.id AND c.court_id = b.court_id
     GROUP BY b.id, b.batch_ref, b.file_name, b.started_at, b.imported ORDER BY b.started_at DESC`,
    bank ? [actor.courtId, actor.userId] : [actor.courtId],
  );
  return rows.map((r) => ({
    id: r.id,
    batchRef: r.batch_ref,
    fileName: r.file_name,
    startedAt: r.started_at,
    imported: r.imported,
    casesTotal: r.total,
    settled: r.settled,
    ended: r.ended,
    open: r.total - r.settled - r.ended,
  }));
}

/** The institution a bank's account uploads for (its batches carry it); null when it has none. */
export async function findBankInstitution(m: EntityManager, userId: string): Promise<string | null> {
  const rows: { bank_institution: string | null }[] = await m.query(
    'SELECT bank_institution FROM users WHERE id = $1',
    [userId],
  );
  return rows[0]?.bank_institution ?? null;
}
