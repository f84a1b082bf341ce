// The case lifecycle: the one table of legal transitions and who may take them. Services take
// their steps through CaseOps, which asks it; nothing else decides whether a step is allowed.
import { ConflictError } from '../common/errors.js';
import { hasRole, type Actor } from '../common/actor.js';
import { ROLES, type Role } from '../common/role.js';
import { CASE_STATUS_LABELS, type CaseStatus } from './case-status.js';
import type { Case } from './case.entity.js';
import { PROCEDURE_LABELS, type Procedure } from './procedure.js';

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
  | 'receiveMaterials'
  | 'recordSession'
  | 'scheduleSession'
  | 'closeScheduledSession'
  | 'extendPeriod'
  | 'settle'
  | 'fail'
  | 'withdraw'
  | 'expire'
  | 'recordPerformance'
  | 'applyJudicialConfirmation'
  | 'recordJudicialConfirmation'
  | 'transferToFiling'
  | 'transferUnsuitable'
  | 'correctTrialProcedure'
  | 'transferToTrial'
  | 'recordFeePayment'
  | 'grantFeeRelief'
  | 'deemWithdrawn'
  | 'fileSuit'
  | 'correctRegistration'
  | 'addParty'
  | 'addAgent'
  | 'cancelRegistration'
  | 'correctAnswer'
  | 'correctSession'
  | 'correctOutcome';

/**
 * Who may take a step (the roles allowed on any case of their court, and/or the case's own mediator: a
 * MEDIATOR with `c.mediatorUserId === actor.userId`), and what a refusal answers (`refusal`):
 * - FORBIDDEN: 403 FORBIDDEN, as the role guard would;
 * - NOT_ASSIGNED_MEDIATOR: 403 NOT_ASSIGNED_MEDIATOR (the case is someone else's to mediate);
 * - CASE_NOT_FOUND: 404, as if the case were not there (a mediator acts on their own cases only);
 * - OWN_RECUSAL_ONLY: 403 for the case's own mediator (only their own recusal), 404 for anyone else.
 */
interface CaseStepWho {
  roles: readonly Role[];
  assignedMediator?: true;
  /** A party of the case acting online on it (`actor.party`, src/party/): their own answer and what it decides. */
  ownParty?: true;
  /**
   * The step is the case's mediator's work, which the roles record for them (代为录入): freely for a mediator
   * without an account, for one with an account only with a stated reason (`onBehalfOf`, CaseOps.run). The
   * history names both who entered it and for whom; the case stays the mediator's (statistics, subsidies).
   */
  onBehalf?: true;
  refusal?: 'FORBIDDEN' | 'NOT_ASSIGNED_MEDIATOR' | 'CASE_NOT_FOUND' | 'OWN_RECUSAL_ONLY';
}

interface CaseStep {
  /** The statuses the step may start from. */
  from: readonly CaseStatus[];
  /** Where a procedure narrows `from` (先行调解 has no period before the sign-for). */
  fromByProcedure?: Partial<Record<Procedure, readonly CaseStatus[]>>;
  /** Where it leads (`null`: status unchanged). */
  to: CaseStatus | null;
  who: CaseStepWho;
  /** The history action the step records. */
  event: string;
  /** The procedures the step belongs to; absent: every procedure. */
  procedures?: readonly Procedure[];
  /**
   * The step computes a date on the court's calendar (a period, a due date): CaseOps takes the calendar's lock
   * before the case's row lock, the order a year's entry takes them in (CalendarService.lockForCaseDates).
   */
  usesCalendar?: true;
}

const LEGACY: readonly Procedure[] = ['LEGACY_PRE_FILING'];
const POST_FILING: readonly Procedure[] = ['POST_FILING'];
const VOLUNTARY: readonly Procedure[] = ['VOLUNTARY'];
/** The two procedures whose period runs from the mediator's sign-for (签收). */
const SIGNED_FOR: readonly Procedure[] = ['POST_FILING', 'VOLUNTARY'];
/** 司法确认 confirms an agreement reached outside a filed case. */
const NOT_FILED: readonly Procedure[] = ['VOLUNTARY', 'LEGACY_PRE_FILING'];

const CLERK: CaseStepWho = { roles: ['CLERK'] };
/** Where a registration may still be corrected: the case is open and here (not concluded, transferred or cancelled). */
const CORRECTABLE: readonly CaseStatus[] = [
  'REGISTERED',
  'NOTICE_ISSUED',
  'REFUSED',
  'REFERRED',
  'ASSIGNED',
  'IN_MEDIATION',
];
/** The clerk records a party's answer; the party may give it online. */
const CLERK_OR_OWN_PARTY: CaseStepWho = { roles: ['CLERK'], ownParty: true };
const COORDINATOR: CaseStepWho = { roles: ['COORDINATOR'] };
/** The case's mediator, or the court's coordinator (诉调对接中心). */
const MEDIATOR_OR_COORDINATOR: CaseStepWho = {
  roles: ['COORDINATOR'],
  assignedMediator: true,
  refusal: 'NOT_ASSIGNED_MEDIATOR',
};

/**
 * The mediator's own work (签收, sessions, outcomes): the case's mediator, or the coordinator recording it for
 * them (代为录入, see `onBehalf`).
 */
const MEDIATORS_WORK: CaseStepWho = {
  roles: ['COORDINATOR'],
  assignedMediator: true,
  onBehalf: true,
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
  recordAnswer: {
    from: ['NOTICE_ISSUED'],
    to: null,
    who: CLERK_OR_OWN_PARTY,
    event: 'PARTY_ANSWERED',
    usesCalendar: true,
  },
  // Refer and refuse follow from the answer that decides them (PartyAnswersService.record).
  refer: {
    from: ['NOTICE_ISSUED'],
    to: 'REFERRED',
    who: CLERK_OR_OWN_PARTY,
    event: 'CASE_REFERRED',
    usesCalendar: true,
  },
  refuse: { from: ['NOTICE_ISSUED'], to: 'REFUSED', who: CLERK_OR_OWN_PARTY, event: 'CASE_REFUSED' },
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
  // 签收: the mediator (or the coordinator for one without an account) received the court's materials; the
  // period of 先行调解 and of 非诉调解 counts from that day.
  receiveMaterials: {
    from: ['ASSIGNED'],
    to: 'IN_MEDIATION',
    who: MEDIATORS_WORK,
    event: 'MATERIALS_RECEIVED',
    procedures: SIGNED_FOR,
    usesCalendar: true,
  },
  // Sessions are the assigned mediator's own work: the coordinator records them only on their behalf (for one
  // without an account, or with a reason). Under the old procedure the first session starts mediation; under
  // the others the sign-for does.
  recordSession: {
    from: ['ASSIGNED', 'IN_MEDIATION'],
    fromByProcedure: { POST_FILING: ['IN_MEDIATION'], VOLUNTARY: ['IN_MEDIATION'] },
    to: 'IN_MEDIATION',
    who: MEDIATORS_WORK,
    event: 'MEDIATION_SESSION_RECORDED',
  },
  // 预约调解: a session planned ahead, moved, or marked held or missed; the case's status stays.
  scheduleSession: {
    from: ['ASSIGNED', 'IN_MEDIATION'],
    to: null,
    who: MEDIATOR_OR_COORDINATOR,
    event: 'SESSION_SCHEDULED',
  },
  // What became of a scheduled session (held, linked to its record; or missed), also once mediation has ended.
  closeScheduledSession: {
    from: ['ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED'],
    to: null,
    who: MEDIATOR_OR_COORDINATOR,
    event: 'SCHEDULED_SESSION_CLOSED',
  },
  // The old period ran from consent; the others have a period only once the mediator signed for the materials.
  extendPeriod: {
    from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'],
    fromByProcedure: { POST_FILING: ['IN_MEDIATION'], VOLUNTARY: ['IN_MEDIATION'] },
    to: null,
    who: MEDIATOR_OR_COORDINATOR,
    event: 'MEDIATION_PERIOD_EXTENDED',
    usesCalendar: true,
  },
  settle: { from: ['ASSIGNED', 'IN_MEDIATION'], to: 'SETTLED', who: MEDIATORS_WORK, event: 'CASE_SETTLED' },
  // A party who refuses to sign the agreement online ends the mediation herself (src/agreement-signing/).
  fail: {
    from: ['ASSIGNED', 'IN_MEDIATION'],
    to: 'FAILED',
    who: { ...MEDIATORS_WORK, ownParty: true },
    event: 'CASE_FAILED',
  },
  // Before a mediator is assigned (REFERRED) a withdrawal is nobody's behalf: the coordinator records it.
  withdraw: {
    from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'],
    to: 'WITHDRAWN',
    who: MEDIATORS_WORK,
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
  // 司法确认 application (申请, a 民特 number); the ruling is recordJudicialConfirmation.
  applyJudicialConfirmation: {
    from: ['SETTLED'],
    to: null,
    who: { roles: ['CLERK', 'COORDINATOR'] },
    event: 'JUDICIAL_CONFIRMATION_APPLIED',
    procedures: NOT_FILED,
    usesCalendar: true,
  },
  recordJudicialConfirmation: {
    from: ['SETTLED'],
    to: null,
    who: { roles: ['COORDINATOR', 'JUDGE'] },
    event: 'JUDICIAL_CONFIRMATION_RECORDED',
    procedures: NOT_FILED,
    usesCalendar: true,
  },
  transferToFiling: {
    from: ['REFUSED', 'FAILED', 'EXPIRED'],
    to: 'TRANSFERRED',
    who: CLERK,
    event: 'CASE_TRANSFERRED',
    procedures: LEGACY,
  },
  // Not suitable for pre-litigation mediation before it began (a defendant to be served by public
  // announcement): only when `filingTransferOperation` says so.
  transferUnsuitable: {
    from: ['REGISTERED', 'NOTICE_ISSUED'],
    to: 'TRANSFERRED',
    who: CLERK,
    event: 'CASE_TRANSFERRED',
    procedures: LEGACY,
  },
  // 简易/普通程序 as registered, correctable until the sign-for starts the period it decides.
  correctTrialProcedure: {
    from: ['REGISTERED', 'NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'REFUSED'],
    to: null,
    who: CLERK,
    event: 'TRIAL_PROCEDURE_CORRECTED',
    procedures: POST_FILING,
  },
  // 先行调解 did not end the case (refused, failed, expired, or not suitable before it began): the plaintiff is
  // told to pay the case acceptance fee (交费通知) before the trial.
  transferToTrial: {
    from: ['REGISTERED', 'NOTICE_ISSUED', 'REFUSED', 'FAILED', 'EXPIRED'],
    to: 'FEE_PENDING',
    who: CLERK,
    event: 'FEE_NOTICE_ISSUED',
    procedures: POST_FILING,
    usesCalendar: true,
  },
  recordFeePayment: {
    from: ['FEE_PENDING'],
    to: 'IN_TRIAL',
    who: CLERK,
    event: 'FEE_PAID',
    procedures: POST_FILING,
  },
  // 缓交/减交/免交 (司法救助): the case goes to trial as if paid.
  grantFeeRelief: {
    from: ['FEE_PENDING'],
    to: 'IN_TRIAL',
    who: CLERK,
    event: 'FEE_RELIEF_GRANTED',
    procedures: POST_FILING,
  },
  // 按撤诉处理: a person's ruling on a case whose fee is overdue (the service checks the due date).
  deemWithdrawn: {
    from: ['FEE_PENDING'],
    to: 'DEEMED_WITHDRAWN',
    who: { roles: ['CLERK', 'JUDGE'] },
    event: 'CASE_DEEMED_WITHDRAWN',
    procedures: POST_FILING,
  },
  // Non-litigation mediation did not settle (or was refused, or unsuitable): the applicant files suit, and
  // the new 民初 case carries the mediation record to trial.
  fileSuit: {
    from: ['REGISTERED', 'NOTICE_ISSUED', 'REFUSED', 'FAILED', 'EXPIRED'],
    to: 'TRANSFERRED',
    who: CLERK,
    event: 'CASE_FILED',
    procedures: VOLUNTARY,
  },
  // 更正登记: the clerk corrects what was registered while the case is open (the case type and the amount only
  // before mediation begins: registration-corrections.ts); the status stays.
  correctRegistration: { from: CORRECTABLE, to: null, who: CLERK, event: 'REGISTRATION_CORRECTED' },
  addParty: { from: CORRECTABLE, to: null, who: CLERK, event: 'PARTY_ADDED' },
  // 委托代理人: also once mediation has ended, as long as the case is here (the agreement, the fee).
  addAgent: {
    from: [...CORRECTABLE, 'SETTLED', 'FAILED', 'EXPIRED', 'FEE_PENDING'],
    to: null,
    who: CLERK,
    event: 'PARTY_AGENT_ADDED',
  },
  // 撤销登记: a case registered by mistake, before any step beyond the notice (the service checks no answer was
  // recorded). The case and its number stay, shown as cancelled; statistics and the worklist leave it out.
  cancelRegistration: {
    from: ['REGISTERED', 'NOTICE_ISSUED'],
    to: 'CANCELLED',
    who: CLERK,
    event: 'CASE_CANCELLED',
  },
  // A recorded step corrected while the next one has not been taken, with a reason: a party's answer until the
  // answers decide the referral; a session's record until mediation ends.
  correctAnswer: { from: ['NOTICE_ISSUED'], to: null, who: CLERK, event: 'PARTY_ANSWER_CORRECTED' },
  correctSession: {
    from: ['IN_MEDIATION'],
    to: null,
    who: { roles: [], assignedMediator: true, refusal: 'NOT_ASSIGNED_MEDIATOR' },
    event: 'MEDIATION_SESSION_CORRECTED',
  },
  // An outcome's texts and figures (not its result) until the next step: 司法确认, performance, the transfer
  // (which leaves these statuses); the service checks the first two (src/corrections/outcome-corrections.service.ts).
  correctOutcome: {
    from: ['SETTLED', 'FAILED'],
    to: null,
    who: MEDIATOR_OR_COORDINATOR,
    event: 'MEDIATION_OUTCOME_CORRECTED',
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
  receiveMaterials: '登记签收材料',
  recordSession: '记录调解',
  scheduleSession: '安排调解',
  closeScheduledSession: '登记预约调解的结果',
  extendPeriod: '延长调解期限',
  settle: '登记调解成功',
  fail: '登记调解不成',
  withdraw: '登记撤回',
  expire: '登记调解期满',
  recordPerformance: '登记履行情况',
  applyJudicialConfirmation: '登记司法确认申请',
  recordJudicialConfirmation: '登记司法确认',
  transferToFiling: '转立案',
  transferUnsuitable: '以不适宜诉前调解转立案',
  correctTrialProcedure: '更正审理程序',
  transferToTrial: '转入审理并通知交费',
  recordFeePayment: '登记交费',
  grantFeeRelief: '登记缓减免交',
  deemWithdrawn: '按撤诉处理',
  fileSuit: '登记起诉立案',
  correctRegistration: '更正登记信息',
  addParty: '添加当事人',
  addAgent: '添加委托代理人',
  cancelRegistration: '撤销登记',
  correctAnswer: '更正当事人意见',
  correctSession: '更正调解记录',
  correctOutcome: '更正调解结果',
};

/** What the table reads of a case to say whether a step applies. */
export type StepSubject = Pick<Case, 'status' | 'procedure'>;

export class IllegalTransitionError extends ConflictError {
  constructor(c: StepSubject, operation: CaseOperation) {
    const label = OPERATION_LABELS[operation];
    const message = !appliesToProcedure(c.procedure, operation)
      ? `本案适用“${PROCEDURE_LABELS[c.procedure]}”，不能${label}`
      : c.status === 'ASSIGNED' && c.procedure !== 'LEGACY_PRE_FILING'
        ? `调解员尚未签收材料，不能${label}；请先登记签收（签收之日起计算调解期限）`
        : `案件当前状态为“${CASE_STATUS_LABELS[c.status]}”，不能${label}`;
    super('ILLEGAL_TRANSITION', message, { status: c.status, procedure: c.procedure, operation });
  }
}

/** Whether the step belongs to the case's procedure at all. */
export function appliesToProcedure(procedure: Procedure, operation: CaseOperation): boolean {
  const procedures = CASE_TRANSITIONS[operation].procedures;
  return !procedures || procedures.includes(procedure);
}

/** The statuses a step may start from for a procedure. */
export function fromStatuses(operation: CaseOperation, procedure: Procedure): readonly CaseStatus[] {
  const step = CASE_TRANSITIONS[operation];
  return step.fromByProcedure?.[procedure] ?? step.from;
}

export function canApply(c: StepSubject, operation: CaseOperation): boolean {
  return appliesToProcedure(c.procedure, operation) && fromStatuses(operation, c.procedure).includes(c.status);
}

/** The status after `operation`, or IllegalTransitionError (409 ILLEGAL_TRANSITION). */
export function transition(c: StepSubject, operation: CaseOperation): CaseStatus {
  if (!canApply(c, operation)) throw new IllegalTransitionError(c, operation);
  return CASE_TRANSITIONS[operation].to ?? c.status;
}

/**
 * Which transfer to filing (转立案) applies: refused, failed and expired cases go as
 * usual; a case not suitable for mediation (`unsuitable`: a defendant who cannot be
 * reached, 需公告送达) goes before mediation begins. Otherwise transferToFiling, which
 * `transition` then refuses.
 */
export function filingTransferOperation(c: StepSubject, unsuitable: boolean): CaseOperation {
  return unsuitable && canApply(c, 'transferUnsuitable') ? 'transferUnsuitable' : 'transferToFiling';
}

/** What the who-check reads of a case. Without `mediatorUserId` the case is taken as not the actor's. */
export type CaseSubject = StepSubject & Partial<Pick<Case, 'mediatorUserId' | 'id'>>;

/** Whether the table's who allows this actor to take `operation` on this case (status aside). */
export function whoMay(actor: Actor, c: CaseSubject, operation: CaseOperation): boolean {
  const who = CASE_TRANSITIONS[operation].who;
  if (hasRole(actor, ...who.roles)) return true;
  if (actor.party) return who.ownParty === true && !!c.id && actor.party.caseId === c.id;
  const ownCase = !!c.mediatorUserId && c.mediatorUserId === actor.userId;
  return who.assignedMediator === true && ownCase && hasRole(actor, 'MEDIATOR');
}

/**
 * What taking `operation` means for this actor on this case: the mediator's own work (`OWN`, also any step
 * without `onBehalf` or a case without a mediator), or work recorded for the case's mediator (代为录入) —
 * `ON_BEHALF` for a mediator without an account, `ON_BEHALF_NEEDS_REASON` for one with an account (the
 * coordinator states why, or the step is refused).
 */
export function onBehalfOf(
  actor: Actor,
  c: CaseSubject & Partial<Pick<Case, 'mediatorId'>>,
  operation: CaseOperation,
): 'OWN' | 'ON_BEHALF' | 'ON_BEHALF_NEEDS_REASON' {
  // A party's own act (refusing to sign the agreement online) is nobody's behalf.
  if (actor.party || !CASE_TRANSITIONS[operation].who.onBehalf || !c.mediatorId) return 'OWN';
  if (c.mediatorUserId && c.mediatorUserId === actor.userId) return 'OWN';
  return c.mediatorUserId ? 'ON_BEHALF_NEEDS_REASON' : 'ON_BEHALF';
}

/** The steps this actor may take on this case now: the status allows them and so does who. */
export function allowedSteps(actor: Actor, c: CaseSubject): CaseOperation[] {
  return CASE_OPERATIONS.filter((op) => canApply(c, op) && whoMay(actor, c, op));
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
