import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { chinaDate, daysBetween } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { MediationQueries } from './mediation-queries.js';

/** The stored deadline warnings (节点预警) that still apply, as each role should see them. */
@Injectable()
export class WarningsService {
  constructor(
    private readonly queries: MediationQueries,
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
    const rows = await this.queries.warnings(actor);
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
