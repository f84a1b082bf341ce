// Named reads of intake: the court as registration needs it, the case page and its history, the worklist, a
// registration's related cases, and the batches (their list, one batch, its progress, its bulk runs, its problems,
// the bank an account uploads for) through the functions of the batch files. `IntakeQueries` offers them on the
// data source to the services (which keep the rules, the writes and the transactions; the statements themselves
// stay in case-registration-sql.ts and case-list-sql.ts, the hot ones run prepared).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { RELATED_CASES_SQL } from '../cases/case-registration-sql.js';
import type { Party } from '../cases/party.entity.js';
import { Court } from '../courts/court.entity.js';
import { queryPrepared } from '../database/prepared-statement.js';
import { findBankInstitution, listBatches, type BatchSummary } from './batch-list.js';
import { findBatchProblems, loadBatch } from './batch-problem-report.js';
import { batchProgress, type BatchProgress } from './batch-progress.js';
import { findBulkRuns, type BatchBulkRuns } from './batch-runs.js';
import type { CaseBatch } from './case-batch.entity.js';
import {
  caseEventsStatement,
  casePageStatement,
  type CaseEventRow,
  type CasePageRow,
  type ListedCase,
} from './case-list-sql.js';
import { RELATED_OPEN_STATUSES, type PartyIdentities, type RelatedCaseRow } from './case-registration.js';
import { applicantCaseCounts, namesElsewhere } from './related-cases.js';

/** The court's settings registration decides by: its code, the legacy cut-off and its filing numbers. */
export function findRegistrationCourt(
  m: EntityManager,
  courtId: string,
): Promise<Pick<Court, 'id' | 'code' | 'legacyUntil' | 'filingNumbers'>> {
  return m.getRepository(Court).findOneOrFail({
    select: { id: true, code: true, legacyUntil: true, filingNumbers: true },
    where: { id: courtId },
  });
}

/**
 * A registered case's related cases, three reads at once: the open cases of the court sharing a party's identity
 * number or credit code (none asked without one), the applicant institutions' case counts, and the names on file
 * elsewhere under the parties' identity numbers.
 */
export function findRelatedCases(
  m: EntityManager,
  courtId: string,
  caseId: string,
  { idNumbers, creditCodes }: PartyIdentities,
  applicants: Party[],
  parties: Party[],
) {
  return Promise.all([
    idNumbers.length === 0 && creditCodes.length === 0
      ? []
      : (m.query(RELATED_CASES_SQL, [courtId, idNumbers, creditCodes, caseId, RELATED_OPEN_STATUSES]) as Promise<
          RelatedCaseRow[]
        >),
    applicantCaseCounts(m, courtId, caseId, applicants),
    namesElsewhere(m, courtId, caseId, parties),
  ]);
}

@Injectable()
export class IntakeQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The case page's row (the case and its parties) when the actor may see the case: one prepared statement. */
  casePage(actor: Actor, id: string): Promise<CasePageRow[]> {
    const { sql, params } = casePageStatement(actor, id);
    return queryPrepared<CasePageRow>(this.dataSource, sql, params);
  }

  /** The case's history joined to the scoped case (no row: not the actor's): one prepared statement. */
  caseEvents(actor: Actor, id: string): Promise<CaseEventRow[]> {
    const { sql, params } = caseEventsStatement(actor, id);
    return queryPrepared<CaseEventRow>(this.dataSource, sql, params);
  }

  /** The worklist as a clerk opens it (by status, page by page): the statement prepared on each connection. */
  plainWorklist(sql: string, params: unknown[]): Promise<ListedCase[]> {
    return queryPrepared<ListedCase>(this.dataSource, sql, params);
  }

  /** A searched worklist, its statement run as it comes. */
  searchedWorklist(sql: string, params: unknown[]): Promise<ListedCase[]> {
    return this.dataSource.query(sql, params);
  }

  relatedCases(courtId: string, caseId: string, identities: PartyIdentities, applicants: Party[], parties: Party[]) {
    return findRelatedCases(this.dataSource.manager, courtId, caseId, identities, applicants, parties);
  }

  registrationCourt(courtId: string) {
    return findRegistrationCourt(this.dataSource.manager, courtId);
  }

  batches(actor: Actor): Promise<BatchSummary[]> {
    return listBatches(this.dataSource.manager, actor);
  }

  batch(actor: Actor, id: string): Promise<CaseBatch> {
    return loadBatch(this.dataSource.manager, actor, id);
  }

  async batchProgress(actor: Actor, id: string): Promise<BatchProgress> {
    const m = this.dataSource.manager;
    return batchProgress(m, actor, await loadBatch(m, actor, id));
  }

  async bulkRuns(actor: Actor, id: string): Promise<BatchBulkRuns> {
    const m = this.dataSource.manager;
    return findBulkRuns(m, (await loadBatch(m, actor, id)).id);
  }

  /** One of the court's batches and its problems. */
  async batchWithProblems(actor: Actor, id: string) {
    const m = this.dataSource.manager;
    const batch = await loadBatch(m, actor, id);
    return { batch, problems: await findBatchProblems(m, batch.id) };
  }

  bankInstitution(userId: string): Promise<string | null> {
    return findBankInstitution(this.dataSource.manager, userId);
  }
}
