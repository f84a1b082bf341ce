// Named reads of a case's mediation records (sessions, extensions, outcome) and the mediator's open cases:
// functions taking a manager, and `MediationQueries` offering them on the data source to the case page and the
// mediator's workspace.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { Case } from '../cases/case.entity.js';
import { Court } from '../courts/court.entity.js';
import { Extension } from './extension.entity.js';
import { JudicialConfirmation } from './judicial-confirmation.entity.js';
import { MediationOutcome } from './mediation-outcome.entity.js';
import { MediationSession } from './mediation-session.entity.js';

type OfCase = Pick<Case, 'id' | 'courtId'>;

/** The actor's own cases in mediation, earliest deadline first, at most `take`. */
export function findOpenCasesOfMediator(m: EntityManager, actor: Actor, take: number): Promise<Case[]> {
  return m.find(Case, {
    where: { courtId: actor.courtId, mediatorUserId: actor.userId, status: In([...OPEN_MEDIATION_STATUSES]) },
    order: { mediationDeadline: 'ASC', id: 'ASC' },
    take,
  });
}

/** A case's mediation sessions, in the order held. */
export function findSessions(m: EntityManager, c: OfCase): Promise<MediationSession[]> {
  return m.find(MediationSession, {
    where: { caseId: c.id, courtId: c.courtId },
    order: { heldOn: 'ASC', recordedAt: 'ASC' },
  });
}

/** A case's extensions of the mediation period, in the order granted. */
export function findExtensions(m: EntityManager, c: OfCase): Promise<Extension[]> {
  return m.find(Extension, { where: { caseId: c.id, courtId: c.courtId }, order: { grantedAt: 'ASC' } });
}

/** A case's outcome (null: none) and its judicial confirmation (null: none). */
export async function findOutcomeAndConfirmation(
  m: EntityManager,
  caseId: string,
): Promise<{ outcome: MediationOutcome | null; confirmation: JudicialConfirmation | null }> {
  const outcome = await m.findOne(MediationOutcome, { where: { caseId } });
  const confirmation = outcome ? await m.findOne(JudicialConfirmation, { where: { caseId } }) : null;
  return { outcome, confirmation };
}

@Injectable()
export class MediationQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  openCasesOfMediator(actor: Actor, take: number): Promise<Case[]> {
    return findOpenCasesOfMediator(this.dataSource.manager, actor, take);
  }

  sessions(c: OfCase): Promise<MediationSession[]> {
    return findSessions(this.dataSource.manager, c);
  }

  extensions(c: OfCase): Promise<Extension[]> {
    return findExtensions(this.dataSource.manager, c);
  }

  outcomeAndConfirmation(caseId: string) {
    return findOutcomeAndConfirmation(this.dataSource.manager, caseId);
  }

  court(courtId: string): Promise<Court> {
    return this.dataSource.manager.findOneByOrFail(Court, { id: courtId });
  }
}
