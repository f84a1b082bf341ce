// Named reads of the bulk steps: one of the actor's batches, its cases in list order with the references a sheet
// may name them by, a reference the court has outside the batch (to say "another batch" rather than "unknown"),
// the parties and answers of its cases, its notices to print, its result lines and its bulk runs. Functions taking
// a manager, and `BulkQueries` offering them on the data source to the steps (which keep the rules, the runs and
// the writes).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { partiesOf } from '../cases/case-finders.js';
import type { CaseStatus } from '../cases/case-status.js';
import type { Party } from '../cases/party.entity.js';
import type { Actor } from '../common/actor.js';
import { loadBatch } from '../intake/batch-problem-report.js';
import { findBulkRuns, type BatchBulkRuns } from '../intake/batch-runs.js';
import type { CaseBatch } from '../intake/case-batch.entity.js';
import type { ConfirmationDecision } from '../mediation/judicial-confirmation.entity.js';
import type { OutcomeResult, PerformanceStatus, SettlementMethod } from '../mediation/mediation-outcome.entity.js';
import type { NoticeContent } from '../referral/notice-text.js';
import type { BatchCaseRefs } from './batch-cases.js';
import type { BatchCase } from './bulk-runner.js';

/** The batch's cases in the court (by ix_cases_batch_created), oldest first. */
export async function findBatchCases(m: EntityManager, actor: Actor, batchId: string): Promise<BatchCaseRefs[]> {
  const rows: {
    id: string;
    external_ref: string | null;
    status: BatchCase['status'];
    procedure: BatchCase['procedure'];
    version: number;
    numbers: (string | null)[];
  }[] = await m.query(
    `SELECT c.id, c.external_ref, c.status, c.procedure, c.version,
        ARRAY[c.filing_number, c.prelitigation_number, (SELECT rn.number FROM referral_notices rn
          WHERE rn.case_id = c.id ORDER BY rn.notice_version DESC LIMIT 1)] AS numbers
     FROM cases c WHERE c.batch_id = $1 AND c.court_id = $2 ORDER BY c.created_at, c.external_ref, c.id`,
    [batchId, actor.courtId],
  );
  return rows.map((r) => ({
    id: r.id,
    externalRef: r.external_ref,
    status: r.status,
    procedure: r.procedure,
    version: r.version,
    numbers: r.numbers.filter((n): n is string => n !== null),
  }));
}

/** Which of these references (银行业务编号 or case number) name a case of the court at all. */
export async function findCourtRefs(m: EntityManager, actor: Actor, refs: readonly string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows: { ref: string }[] = await m.query(
    `SELECT r.ref FROM unnest($2::text[]) AS r (ref) WHERE EXISTS (SELECT 1 FROM cases c WHERE c.court_id = $1
       AND (c.external_ref = r.ref OR c.filing_number = r.ref OR c.prelitigation_number = r.ref))`,
    [actor.courtId, refs],
  );
  return new Set(rows.map((r) => r.ref));
}

/** The parties of these cases who have answered the notice (同意/不同意调解). */
export async function findAnsweredPartyIds(m: EntityManager, caseIds: readonly string[]): Promise<string[]> {
  const answered: { party_id: string }[] = await m.query(
    'SELECT party_id FROM party_answers WHERE case_id = ANY($1::uuid[])',
    [caseIds],
  );
  return answered.map((a) => a.party_id);
}

/** A case of the batch with its latest notice, as the notices file lists it. */
export interface BatchNoticeEntry {
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
export function findBatchNotices(m: EntityManager, actor: Actor, batchId: string): Promise<BatchNoticeEntry[]> {
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

/** A notice's content, with the parties whose rating code has been used. */
export interface NoticeContentRow {
  id: string;
  content: NoticeContent;
  used: string[];
}

/** The contents of these notices of the actor's court (in no order), each with its case's used rating codes. */
export function findNoticeContents(
  m: EntityManager,
  actor: Actor,
  ids: readonly string[],
): Promise<NoticeContentRow[]> {
  return m.query(
    `SELECT n.id, n.content,
          ARRAY(SELECT r.party_id::text FROM party_rating_codes r
                WHERE r.case_id = n.case_id AND r.used_at IS NOT NULL) AS used
       FROM referral_notices n WHERE n.id = ANY($1::uuid[]) AND n.court_id = $2`,
    [ids, actor.courtId],
  );
}

/** A case of the batch as the bank's result file shows it. */
export interface BatchResultRow {
  external_ref: string | null;
  status: CaseStatus;
  result: OutcomeResult | null;
  settlement_method: SettlementMethod | null;
  amount_fen: string | null;
  performance_due_on: string | null;
  performance_status: PerformanceStatus | null;
  /** The 司法确认's 民特 number: the application's from the day it is applied for (a one-go record's ruling's). */
  confirmation_number: string | null;
  decision: ConfirmationDecision | null;
  filing_number: string | null;
  prelitigation_number: string | null;
}

/** The batch's cases with their outcome and 司法确认, in list order (a batch has at most its file's rows). */
export function findResultRows(m: EntityManager, actor: Actor, batchId: string): Promise<BatchResultRow[]> {
  return m.query(
    `SELECT c.external_ref, c.status, o.result, o.settlement_method, o.amount_fen, o.performance_due_on::text,
        o.performance_status, COALESCE(j.application_number, j.ruling_number) AS confirmation_number, j.decision,
        c.filing_number, c.prelitigation_number
     FROM cases c
     LEFT JOIN mediation_outcomes o ON o.case_id = c.id
     LEFT JOIN judicial_confirmations j ON j.case_id = c.id
     WHERE c.batch_id = $1 AND c.court_id = $2 ORDER BY c.created_at, c.external_ref, c.id`,
    [batchId, actor.courtId],
  );
}

@Injectable()
export class BulkQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One of the actor's batches (404 when it is not theirs). */
  batch(actor: Actor, batchId: string): Promise<CaseBatch> {
    return loadBatch(this.dataSource.manager, actor, batchId);
  }

  batchCases(actor: Actor, batchId: string): Promise<BatchCaseRefs[]> {
    return findBatchCases(this.dataSource.manager, actor, batchId);
  }

  courtRefs(actor: Actor, refs: readonly string[]): Promise<Set<string>> {
    return findCourtRefs(this.dataSource.manager, actor, refs);
  }

  partiesOfCases(caseIds: readonly string[]): Promise<Party[]> {
    return partiesOf(this.dataSource.manager, caseIds);
  }

  answeredPartyIds(caseIds: readonly string[]): Promise<string[]> {
    return findAnsweredPartyIds(this.dataSource.manager, caseIds);
  }

  batchNotices(actor: Actor, batchId: string): Promise<BatchNoticeEntry[]> {
    return findBatchNotices(this.dataSource.manager, actor, batchId);
  }

  noticeContents(actor: Actor, ids: readonly string[]): Promise<NoticeContentRow[]> {
    return findNoticeContents(this.dataSource.manager, actor, ids);
  }

  resultRows(actor: Actor, batchId: string): Promise<BatchResultRow[]> {
    return findResultRows(this.dataSource.manager, actor, batchId);
  }

  bulkRuns(batchId: string): Promise<BatchBulkRuns> {
    return findBulkRuns(this.dataSource.manager, batchId);
  }
}
