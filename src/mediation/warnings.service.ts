import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Mediator } from '../assignment/mediator.entity.js';
import { hasRole, type Actor } from '../common/actor.js';
import { chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { Case } from '../cases/case.entity.js';
import { CaseWarning, type WarningKind } from './case-warning.entity.js';

interface WarningRow {
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

/** The stored deadline warnings (节点预警) that still apply, as each role should see them. */
@Injectable()
export class WarningsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Coordinators, statisticians and administrators see the court's; clerks the
   * court's expired cases waiting for transfer; mediators their own cases'.
   * A warning applies while its case is still in that state: an approaching
   * deadline while open and not extended past it, a passed one while EXPIRED.
   */
  async list(actor: Actor) {
    const today = chinaDate(this.clock.now());
    const qb = this.dataSource
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
    const rows: WarningRow[] = await qb.getRawMany();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      caseId: r.case_id,
      caseNumber: r.case_number,
      caseType: r.case_type,
      caseStatus: r.case_status,
      mediatorUserId: r.mediator_user_id,
      mediatorId: r.mediator_id,
      mediatorName: r.mediator_name,
      deadline: r.deadline,
      daysLeft: daysBetween(today, r.deadline),
      createdAt: r.created_at,
    }));
  }
}
