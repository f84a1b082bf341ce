// The case lifecycle: the one table of legal transitions and who may take them. Services take
// their steps through CaseOps, which asks it; nothing else decides whether a step is allowed.
import { ConflictError } from '../common/errors.js';
import { hasRole, type Actor } from '../common/actor.js';
import { ROLES, type Role } from '../common/role.js';
import { CASE_STATUS_LABELS, type CaseStatus } from './case-status.js';
import type { Case } from './case.entity.js';

export type CaseOperation =
  | 'verifyAddress'
  | 'issueNotice'
  | 'recordAnswer'
  | 'refer'
  | 'refuse'
  | 'assignMediator'
  | 'reassignMediator'
  | 'recuseMediator'
  | 'excludeMediator'
  | 'recordSession'
  | 'extendPeriod'
  | 'settle'
  | 'fail'
  | 'withdraw'
  | 'expire'
  | 'recordPerformance'
  | 'recordJudicialConfirmation'
  | 'transferToFiling'
  | 'transferUnsuitable';

/**
 * Who may take a step (the roles allowed on any case of their court, and/or the case's own mediator: a
 * MEDIATOR with `c.mediatorUserId === actor.userId`), and what a refusal answers (`refusal`):
 * - FORBIDDEN: 403 FORBIDDEN, as the role guard would;
 * - NOT_ASSIGNED_MEDIATOR: 403 NOT_ASSIGNED_MEDIATOR (the case is someone else's to mediate);
 * - CASE_NOT_FOUND: 404, as if the case were not there (a mediator acts on their own cases only);
 * - OWN_RECUSAL_ONLY: 403 for the case's own mediator (only their own recusal), 404 for anyone else.
 */
export interface CaseStepWho {
  roles: readonly Role[];
  assignedMediator?: true;
  refusal?: 'FORBIDDEN' | 'NOT_ASSIGNED_MEDIATOR' | 'CASE_NOT_FOUND' | 'OWN_RECUSAL_ONLY';
}

export interface CaseStep {
  /** The statuses the step may start from. */
  from: readonly CaseStatus[];
  /** Where it leads (`null`: status unchanged). */
  to: CaseStatus | null;
  who: CaseStepWho;
  /** The history action the step records. */
  event: string;
}

const CLERK: CaseStepWho = { roles: ['CLERK'] };
const COORDINATOR: CaseStepWho = { roles: ['COORDINATOR'] };
/** The case's mediator, or the court's coordinator (诉调对接中心). */
const MEDIATOR_OR_COORDINATOR: CaseStepWho = {
  roles: ['COORDINATOR'],
  assignedMediator: true,
  refusal: 'NOT_ASSIGNED_MEDIATOR',
};

/** For each operation: where it may start, where it leads, who may take it, what history it writes. */
export const CASE_TRANSITIONS: Record<CaseOperation, CaseStep> = {
  verifyAddress: {
    from: ['REGISTERED', 'NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION'],
    to: null,
    who: CLERK,
    event: 'ADDRESS_VERIFIED',
  },
  issueNotice: { from: ['REGISTERED', 'NOTICE_ISSUED'], to: 'NOTICE_ISSUED', who: CLERK, event: 'NOTICE_ISSUED' },
  recordAnswer: { from: ['NOTICE_ISSUED'], to: null, who: CLERK, event: 'PARTY_ANSWERED' },
  // Refer and refuse follow from the answer that decides them (PartyAnswersService.record).
  refer: { from: ['NOTICE_ISSUED'], to: 'REFERRED', who: CLERK, event: 'CASE_REFERRED' },
  refuse: { from: ['NOTICE_ISSUED'], to: 'REFUSED', who: CLERK, event: 'CASE_REFUSED' },
  assignMediator: { from: ['REFERRED'], to: 'ASSIGNED', who: COORDINATOR, event: 'MEDIATOR_ASSIGNED' },
  reassignMediator: { from: ['ASSIGNED', 'IN_MEDIATION'], to: null, who: COORDINATOR, event: 'MEDIATOR_REASSIGNED' },
  // 自行回避: the case's mediator withdraws, or the coordinator records it.
  recuseMediator: {
    from: ['ASSIGNED', 'IN_MEDIATION'],
    to: 'REFERRED',
    who: { roles: ['COORDINATOR'], assignedMediator: true, refusal: 'CASE_NOT_FOUND' },
    event: 'MEDIATOR_RECUSED',
  },
  // A recusal (回避) of a mediator who is not the case's current one: recorded, status unchanged.
  excludeMediator: {
    from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'],
    to: null,
    who: { roles: ['COORDINATOR'], refusal: 'OWN_RECUSAL_ONLY' },
    event: 'MEDIATOR_RECUSED',
  },
  // Sessions are the assigned mediator's own work, even for someone who also sees the whole court.
  recordSession: {
    from: ['ASSIGNED', 'IN_MEDIATION'],
    to: 'IN_MEDIATION',
    who: { roles: [], assignedMediator: true, refusal: 'NOT_ASSIGNED_MEDIATOR' },
    event: 'MEDIATION_SESSION_RECORDED',
  },
  extendPeriod: {
    from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'],
    to: null,
    who: MEDIATOR_OR_COORDINATOR,
    event: 'MEDIATION_PERIOD_EXTENDED',
  },
  settle: { from: ['ASSIGNED', 'IN_MEDIATION'], to: 'SETTLED', who: MEDIATOR_OR_COORDINATOR, event: 'CASE_SETTLED' },
  fail: { from: ['ASSIGNED', 'IN_MEDIATION'], to: 'FAILED', who: MEDIATOR_OR_COORDINATOR, event: 'CASE_FAILED' },
  withdraw: {
    from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'],
    to: 'WITHDRAWN',
    who: MEDIATOR_OR_COORDINATOR,
    event: 'CASE_WITHDRAWN',
  },
  // Nobody's step: the deadline scan expires cases (set-based, as the system).
  expire: { from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'], to: 'EXPIRED', who: { roles: [] }, event: 'CASE_EXPIRED' },
  // Follow-up of a settlement (履行情况, 司法确认): recorded on the settled case, which stays settled.
  recordPerformance: {
    from: ['SETTLED'],
    to: null,
    who: MEDIATOR_OR_COORDINATOR,
    event: 'SETTLEMENT_PERFORMANCE_RECORDED',
  },
  recordJudicialConfirmation: {
    from: ['SETTLED'],
    to: null,
    who: { roles: ['COORDINATOR', 'JUDGE'] },
    event: 'JUDICIAL_CONFIRMATION_RECORDED',
  },
  transferToFiling: {
    from: ['REFUSED', 'FAILED', 'EXPIRED'],
    to: 'TRANSFERRED',
    who: CLERK,
    event: 'CASE_TRANSFERRED',
  },
  // Not suitable for pre-litigation mediation before it began (a defendant to be served by public
  // announcement): only when `filingTransferOperation` says so.
  transferUnsuitable: {
    from: ['REGISTERED', 'NOTICE_ISSUED'],
    to: 'TRANSFERRED',
    who: CLERK,
    event: 'CASE_TRANSFERRED',
  },
};

export const CASE_OPERATIONS = Object.keys(CASE_TRANSITIONS) as CaseOperation[];

const OPERATION_LABELS: Record<CaseOperation, string> = {
  verifyAddress: '核实送达地址',
  issueNotice: '发送诉前调解告知书',
  recordAnswer: '登记当事人意见',
  refer: '转入诉前调解',
  refuse: '登记不同意调解',
  assignMediator: '分派调解员',
  reassignMediator: '更换调解员',
  recuseMediator: '调解员回避',
  excludeMediator: '登记调解员回避',
  recordSession: '记录调解',
  extendPeriod: '延长调解期限',
  settle: '登记调解成功',
  fail: '登记调解不成',
  withdraw: '登记撤回',
  expire: '登记调解期满',
  recordPerformance: '登记履行情况',
  recordJudicialConfirmation: '登记司法确认',
  transferToFiling: '转立案',
  transferUnsuitable: '以不适宜诉前调解转立案',
};

export class IllegalTransitionError extends ConflictError {
  constructor(status: CaseStatus, operation: CaseOperation) {
    super('ILLEGAL_TRANSITION', `案件当前状态为“${CASE_STATUS_LABELS[status]}”，不能${OPERATION_LABELS[operation]}`, {
      status,
      operation,
    });
  }
}

export function canApply(status: CaseStatus, operation: CaseOperation): boolean {
  return CASE_TRANSITIONS[operation].from.includes(status);
}

/** The status after `operation`, or IllegalTransitionError (409 ILLEGAL_TRANSITION). */
export function transition(status: CaseStatus, operation: CaseOperation): CaseStatus {
  if (!canApply(status, operation)) throw new IllegalTransitionError(status, operation);
  return CASE_TRANSITIONS[operation].to ?? status;
}

/**
 * Which transfer to filing (转立案) applies: refused, failed and expired cases go as
 * usual; a case not suitable for mediation (`unsuitable`: a defendant who cannot be
 * reached, 需公告送达) goes before mediation begins. Otherwise transferToFiling, which
 * `transition` then refuses.
 */
export function filingTransferOperation(status: CaseStatus, unsuitable: boolean): CaseOperation {
  return unsuitable && canApply(status, 'transferUnsuitable') ? 'transferUnsuitable' : 'transferToFiling';
}

/** What the who-check reads of a case. Without `mediatorUserId` the case is taken as not the actor's. */
export type CaseSubject = Pick<Case, 'status'> & Partial<Pick<Case, 'mediatorUserId'>>;

/** Whether the table's who allows this actor to take `operation` on this case (status aside). */
export function whoMay(actor: Actor, c: CaseSubject, operation: CaseOperation): boolean {
  const who = CASE_TRANSITIONS[operation].who;
  if (hasRole(actor, ...who.roles)) return true;
  const ownCase = !!c.mediatorUserId && c.mediatorUserId === actor.userId;
  return who.assignedMediator === true && ownCase && hasRole(actor, 'MEDIATOR');
}

/** The steps this actor may take on this case now: the status allows them and so does who. */
export function allowedSteps(actor: Actor, c: CaseSubject): CaseOperation[] {
  return CASE_OPERATIONS.filter((op) => canApply(c.status, op) && whoMay(actor, c, op));
}

/**
 * The roles whose users may call a route that takes these steps (the routes' @Roles): the table's
 * roles, and MEDIATOR where the case's own mediator may take one. In ROLES order.
 */
export function stepRoles(...operations: CaseOperation[]): Role[] {
  const allowed = new Set<Role>();
  for (const op of operations) {
    const who = CASE_TRANSITIONS[op].who;
    who.roles.forEach((role) => allowed.add(role));
    if (who.assignedMediator) allowed.add('MEDIATOR');
  }
  return ROLES.filter((role) => allowed.has(role));
}
