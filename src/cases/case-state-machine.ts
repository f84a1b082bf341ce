// The case lifecycle: the one table of legal transitions. Services ask it before
// changing `status`; nothing else decides whether a step is allowed.
import { ConflictError } from '../common/errors.js';
import { CASE_STATUS_LABELS, type CaseStatus } from './case-status.js';

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

/** For each operation: the statuses it may start from, and where it leads (`null`: status unchanged). */
export const CASE_TRANSITIONS: Record<CaseOperation, { from: readonly CaseStatus[]; to: CaseStatus | null }> = {
  verifyAddress: { from: ['REGISTERED', 'NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION'], to: null },
  issueNotice: { from: ['REGISTERED', 'NOTICE_ISSUED'], to: 'NOTICE_ISSUED' },
  recordAnswer: { from: ['NOTICE_ISSUED'], to: null },
  refer: { from: ['NOTICE_ISSUED'], to: 'REFERRED' },
  refuse: { from: ['NOTICE_ISSUED'], to: 'REFUSED' },
  assignMediator: { from: ['REFERRED'], to: 'ASSIGNED' },
  reassignMediator: { from: ['ASSIGNED', 'IN_MEDIATION'], to: null },
  recuseMediator: { from: ['ASSIGNED', 'IN_MEDIATION'], to: 'REFERRED' },
  // A recusal (回避) of a mediator who is not the case's current one: recorded, status unchanged.
  excludeMediator: { from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'], to: null },
  recordSession: { from: ['ASSIGNED', 'IN_MEDIATION'], to: 'IN_MEDIATION' },
  extendPeriod: { from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'], to: null },
  settle: { from: ['ASSIGNED', 'IN_MEDIATION'], to: 'SETTLED' },
  fail: { from: ['ASSIGNED', 'IN_MEDIATION'], to: 'FAILED' },
  withdraw: { from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'], to: 'WITHDRAWN' },
  expire: { from: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'], to: 'EXPIRED' },
  // Follow-up of a settlement (履行情况, 司法确认): recorded on the settled case, which stays settled.
  recordPerformance: { from: ['SETTLED'], to: null },
  recordJudicialConfirmation: { from: ['SETTLED'], to: null },
  transferToFiling: { from: ['REFUSED', 'FAILED', 'EXPIRED'], to: 'TRANSFERRED' },
  // Not suitable for pre-litigation mediation before it began (a defendant to be served by public
  // announcement): only when `filingTransferOperation` says so.
  transferUnsuitable: { from: ['REGISTERED', 'NOTICE_ISSUED'], to: 'TRANSFERRED' },
};

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
