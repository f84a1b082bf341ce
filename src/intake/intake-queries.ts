// Named reads of intake: the court as registration needs it, and the batches (their list, one batch, its progress,
// its bulk runs, its problems, the bank an account uploads for) through the functions of the batch files.
// `IntakeQueries` offers them on the data source to the services (which keep the rules, the writes and the
// transactions; registration's own statements stay in case-registration-sql.ts and case-list-sql.ts).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { Court } from '../courts/court.entity.js';
import { findBankInstitution, listBatches, type BatchSummary } from './batch-list.js';
import { findBatchProblems, loadBatch } from './batch-problem-report.js';
import { batchProgress, type BatchProgress } from './batch-progress.js';
import { findBulkRuns, type BatchBulkRuns } from './batch-runs.js';
import type { CaseBatch } from './case-batch.entity.js';

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

@Injectable()
export class IntakeQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
