// Named reads of the case kernel outside a step: the case as the actor may read it, and a roster entry's name (the
// step's own reads stay in its transaction, in CaseOps). Functions taking a manager, and `CasesQueries` offering
// them on the data source to CaseOps (whose `read` and `recordingFor` answer outside any step).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { loadCase } from './case-access.js';
import type { Case } from './case.entity.js';

/** The name of a roster entry (调解员名册), for the history and the forms that record for it; null when none. */
export async function findRosterName(m: EntityManager, mediatorId: string): Promise<string | null> {
  const rows: { name: string }[] = await m.query('SELECT name FROM mediators WHERE id = $1', [mediatorId]);
  return rows[0]?.name ?? null;
}

@Injectable()
export class CasesQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The case as the actor may read it, without a lock (404 when missing or not theirs). */
  visibleCase(actor: Actor, caseId: string): Promise<Case> {
    return loadCase(this.dataSource.manager, actor, caseId);
  }

  rosterName(mediatorId: string): Promise<string | null> {
    return findRosterName(this.dataSource.manager, mediatorId);
  }
}
