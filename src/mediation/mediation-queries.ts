// Named reads of a case's mediation records (sessions, extensions, outcome) and the mediator's open cases:
// functions taking a manager, and `MediationQueries` offering them on the data source to the case page and the
// mediator's workspace.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Mediator } from '../assignment/mediator.entity.js';
import { hasRole, type Actor } from '../common/actor.js';
import { scopeCases } from '../cases/case-access.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { Case } from '../cases/case.entity.js';
import { Court } from '../courts/court.entity.js';
import { numbersTyped } from '../referral/court-numbers.js';
import { CaseWarning, type WarningKind } from './case-warning.entity.js';
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

/** A stored deadline warning with its case and mediator, as read for the warnings list. */
export interface WarningRow {
  id: string;
  kind: WarningKind;
  deadline: string;
  created_at: Date;
  case_id: string;
  case_number: string | null;
  case_type: string;
  case_status: string;
  mediator_user_id: string | null;
  mediator_id: string | null;
  mediator_name: string | null;
}

/**
 * The court's deadline warnings that still apply (an approaching deadline while the case is open and not extended
 * past it, a passed one while EXPIRED), earliest deadline first, at most 1000: the court's for coordinators,
 * statisticians and administrators, the passed ones for clerks, the mediator's own cases' otherwise.
 */
export function findWarnings(m: EntityManager, actor: Actor): Promise<WarningRow[]> {
  const qb = m
    .createQueryBuilder(CaseWarning, 'w')
    .innerJoin(Case, 'c', 'c.id = w.case_id')
    .leftJoin(Mediator, 'md', 'md.id = c.mediator_id')
    .select([
      'w.id AS id',
      'w.kind AS kind',
      'w.deadline AS deadline',
      'w.created_at AS created_at',
      'c.id AS case_id',
      'c.prelitigation_number AS case_number',
      'c.case_type AS case_type',
      'c.status AS case_status',
      'c.mediator_user_id AS mediator_user_id',
      'c.mediator_id AS mediator_id',
      'md.name AS mediator_name',
    ])
    .where('w.court_id = :courtId AND c.court_id = :courtId', { courtId: actor.courtId })
    .andWhere(
      `((w.kind = 'DEADLINE_APPROACHING' AND c.status IN (:...open) AND c.mediation_deadline = w.deadline)
        OR (w.kind = 'DEADLINE_PASSED' AND c.status = 'EXPIRED'))`,
      { open: OPEN_MEDIATION_STATUSES },
    )
    .orderBy('w.deadline', 'ASC')
    .addOrderBy('w.created_at', 'ASC')
    .limit(1000);
  if (!hasRole(actor, 'COORDINATOR', 'STATISTICIAN', 'ADMIN')) {
    if (hasRole(actor, 'CLERK')) qb.andWhere(`w.kind = 'DEADLINE_PASSED'`);
    else qb.andWhere('c.mediator_user_id = :userId', { userId: actor.userId });
  }
  return qb.getRawMany();
}

/** A settlement whose performance is due, as read for the follow-up list. */
export interface FollowUpRow {
  case_id: string;
  case_number: string | null;
  case_type: string;
  mediator_user_id: string | null;
  settlement_method: string;
  amount_fen: string;
  agreed_on: string;
  performance_due_on: string;
}

/**
 * Settled cases of the actor's scope whose performance is due by `today` and not yet recorded, earliest due first,
 * at most 500.
 */
export function findPerformanceFollowUps(m: EntityManager, actor: Actor, today: string): Promise<FollowUpRow[]> {
  const qb = m
    .createQueryBuilder(MediationOutcome, 'o')
    .innerJoin(Case, 'c', 'c.id = o.case_id')
    .select([
      'c.id AS case_id',
      'c.prelitigation_number AS case_number',
      'c.case_type AS case_type',
      'c.mediator_user_id AS mediator_user_id',
      'o.settlement_method AS settlement_method',
      'o.amount_fen AS amount_fen',
      'o.agreed_on AS agreed_on',
      'o.performance_due_on AS performance_due_on',
    ])
    .where('o.court_id = :courtId', { courtId: actor.courtId })
    .andWhere('o.performance_due_on <= :today', { today })
    .andWhere('o.performance_status IS NULL')
    .andWhere(`c.status = 'SETTLED'`)
    .orderBy('o.performance_due_on', 'ASC')
    .addOrderBy('c.id', 'ASC')
    .limit(500);
  return scopeCases(qb, 'c', actor).getRawMany();
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

  warnings(actor: Actor): Promise<WarningRow[]> {
    return findWarnings(this.dataSource.manager, actor);
  }

  performanceFollowUps(actor: Actor, today: string): Promise<FollowUpRow[]> {
    return findPerformanceFollowUps(this.dataSource.manager, actor, today);
  }

  /** Whether the court types its 民特 numbers from its case system (EXTERNAL). */
  numbersTyped(courtId: string): Promise<boolean> {
    return numbersTyped(this.dataSource.manager, courtId);
  }
}
