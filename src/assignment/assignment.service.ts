import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { ConflictError, ValidationFailedError } from '../common/errors.js';
import { CaseOps } from '../cases/case-ops.js';
import type { CaseOperation } from '../cases/case-state-machine.js';
import { caseView } from '../cases/case-view.js';
import type { Case } from '../cases/case.entity.js';
import { Assignment, type AssignmentEndKind } from './assignment.entity.js';
import type { AssignMediatorDto, RecusalDto } from './assignment.dto.js';
import { assignOperation, openAssignments, setMediator } from './assignment-writer.js';
import { MediationOrganization } from './mediation-organization.entity.js';
import { unavailableReason } from './mediator-availability.js';
import { MediatorRecusal } from './mediator-recusal.entity.js';
import { Mediator } from './mediator.entity.js';
import { mediatorNotFound } from './roster-errors.js';
import { findWorkloads, RosterQueries, type AssignmentRow, type RecusalRow } from './roster-queries.js';
import { WorkNotificationsService } from '../notifications/work-notifications.service.js';

const mediatorRecused = (mediator: Mediator) =>
  new ConflictError('MEDIATOR_RECUSED', `调解员${mediator.name}已在本案回避，不能再分派本案`, {
    mediatorId: mediator.id,
  });

/** Assignment (委派调解), re-assignment and recusal (回避) of a case's mediator. */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly work: WorkNotificationsService,
    private readonly roster: RosterQueries,
  ) {}

  /**
   * REFERRED -> ASSIGNED, or a re-assignment of an assigned case. The case row is locked
   * first, then the mediator's (so two assignments cannot both take a mediator's last place).
   */
  async assign(actor: Actor, caseId: string, dto: AssignMediatorDto) {
    const step = (c: Case) => assignOperation(c);
    return this.cases.run(actor, caseId, step, { version: dto.version }, async (m, c) => {
      if (c.mediatorId === dto.mediatorId) {
        throw new ConflictError('MEDIATOR_ALREADY_ASSIGNED', '该调解员已是本案调解员');
      }
      const mediator = await findInCourtOrFail(m, Mediator, actor, dto.mediatorId, mediatorNotFound, true);
      const now = this.clock.now();
      const openCases = await this.assertAssignable(m, c, mediator, now, dto.overrideCapacity ?? false);
      const options = {
        reason: dto.reason.trim(),
        chosenByParties: dto.chosenByParties ?? false,
        capacityOverride: openCases >= mediator.capacity,
        bulk: false,
      };
      const previousUserId = c.mediatorUserId;
      const [{ assignmentId, details }] = await openAssignments(m, actor, [{ c, mediator }], now, options);
      setMediator(c, mediator, now);
      await this.work.casesAssigned(m, actor, [{ c, mediatorUserId: mediator.userId, previousUserId }]);
      return {
        details,
        result: (saved) => ({
          case: caseView(saved),
          assignment: {
            id: assignmentId,
            mediatorId: mediator.id,
            mediatorName: mediator.name,
            assignedAt: now,
            ...options,
          },
        }),
      };
    });
  }

  /**
   * 回避: records the recusal and keeps the mediator off this case for good. When the
   * mediator is the current one the assignment ends and the case returns to REFERRED;
   * a coordinator may also record the recusal of another roster mediator in advance.
   */
  async recuse(actor: Actor, caseId: string, dto: RecusalDto) {
    const recusedMediatorId = (c: Case) => dto.mediatorId ?? c.mediatorId;
    const step = (c: Case): CaseOperation => {
      if (!recusedMediatorId(c)) {
        throw ValidationFailedError.field(
          'mediatorId',
          'REQUIRED',
          'mediatorId：本案当前没有调解员，请指明需回避的调解员',
        );
      }
      return recusedMediatorId(c) === c.mediatorId ? 'recuseMediator' : 'excludeMediator';
    };
    return this.cases.run(actor, caseId, step, { version: dto.version }, async (m, c, { step: taken }) => {
      const mediatorId = recusedMediatorId(c)!;
      const isCurrent = taken === 'recuseMediator';
      const mediator = await findInCourtOrFail(m, Mediator, actor, mediatorId, mediatorNotFound);
      if (await m.exists(MediatorRecusal, { where: { caseId: c.id, mediatorId } })) {
        throw new ConflictError('MEDIATOR_ALREADY_RECUSED', `调解员${mediator.name}已在本案回避`);
      }
      const recusedUserId = mediator.userId;
      const now = this.clock.now();
      const recusal = await m.save(
        m.create(MediatorRecusal, {
          courtId: c.courtId,
          caseId: c.id,
          mediatorId,
          reason: dto.reason.trim(),
          recusedBy: actor.userId,
          recusedAt: now,
        }),
      );
      if (isCurrent) {
        await this.endCurrentAssignment(m, actor, c.id, now, 'RECUSED', recusal.reason);
        c.mediatorId = null;
        c.mediatorUserId = null;
        c.organizationId = null;
        c.assignedAt = null;
      }
      await this.work.mediatorRecused(m, actor, c, recusedUserId, recusal.id);
      return {
        details: {
          recusalId: recusal.id,
          mediatorId,
          mediatorName: mediator.name,
          reason: recusal.reason,
          wasAssigned: isCurrent,
        },
        result: (saved) => ({ case: caseView(saved), recusal: { ...recusal, mediatorName: mediator.name } }),
      };
    });
  }

  /** The case's assignments, oldest first, and its recusals. */
  async history(actor: Actor, caseId: string) {
    return this.historyForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async historyForCase(c: Case) {
    const [assignments, recusals] = await Promise.all([
      this.roster.assignmentHistory(c.id),
      this.roster.recusalHistory(c.id),
    ]);
    return {
      caseId: c.id,
      assignments: assignments.map(assignmentHistoryView),
      recusals: recusals.map(recusalHistoryView),
    };
  }

  /**
   * The actor's own withdrawal (自行回避) from a case of their court, with the case's number: the case is no
   * longer theirs to read, so only a recusal they made themselves is found.
   */
  ownRecusal(actor: Actor, caseId: string): Promise<{ number: string | null; caseType: string } | null> {
    return this.roster.ownRecusal(actor, caseId);
  }

  /** Active, in period, not recused, and below capacity unless overridden; returns the open cases. */
  private async assertAssignable(m: EntityManager, c: Case, mediator: Mediator, now: Date, override: boolean) {
    const organization = await m.findOneByOrFail(MediationOrganization, { id: mediator.organizationId });
    const unavailable = unavailableReason({ mediator, organization, today: chinaDate(now) });
    if (unavailable) throw new ConflictError('MEDIATOR_UNAVAILABLE', `${unavailable}，不能分派`);
    if (await m.exists(MediatorRecusal, { where: { caseId: c.id, mediatorId: mediator.id } })) {
      throw mediatorRecused(mediator);
    }
    const { openCases } = (await findWorkloads(m, c.courtId, [mediator.id], now)).get(mediator.id)!;
    if (openCases >= mediator.capacity && !override) {
      throw new ConflictError(
        'MEDIATOR_AT_CAPACITY',
        `调解员${mediator.name}在办案件已有 ${openCases} 件，达到可承办上限 ${mediator.capacity} 件；如确需分派，请选择超额分派（overrideCapacity）并说明理由`,
        { openCases, capacity: mediator.capacity },
      );
    }
    return openCases;
  }

  private async endCurrentAssignment(
    m: EntityManager,
    actor: Actor,
    caseId: string,
    now: Date,
    endKind: AssignmentEndKind,
    endReason: string,
  ): Promise<Assignment | null> {
    const current = await m.findOne(Assignment, { where: { caseId, endedAt: IsNull() } });
    if (!current) return null;
    Object.assign(current, { endedAt: now, endedBy: actor.userId, endKind, endReason });
    return m.save(current);
  }
}

function assignmentHistoryView(row: AssignmentRow) {
  return {
    id: row.id,
    current: row.ended_at === null,
    mediator: { id: row.mediator_id, name: row.mediator_name, type: row.mediator_type },
    organization: { id: row.organization_id, name: row.organization_name },
    assignedBy: { id: row.assigned_by_id, name: row.assigned_by_name },
    assignedAt: row.assigned_at,
    reason: row.reason,
    chosenByParties: row.chosen_by_parties,
    capacityOverride: row.capacity_override,
    bulk: row.bulk,
    endedAt: row.ended_at,
    endedBy: row.ended_by_id ? { id: row.ended_by_id, name: row.ended_by_name } : null,
    endKind: row.end_kind,
    endReason: row.end_reason,
  };
}

function recusalHistoryView(row: RecusalRow) {
  return {
    id: row.id,
    mediator: { id: row.mediator_id, name: row.mediator_name },
    reason: row.reason,
    recusedBy: { id: row.recused_by_id, name: row.recused_by_name },
    recusedAt: row.recused_at,
  };
}
