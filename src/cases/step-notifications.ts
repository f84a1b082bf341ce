// Which notifications each case step settles (已办): a reminder or a piece of new work about the case stops
// waiting in its recipient's list once the step it asked for is taken. CaseOps marks them done in the step's
// transaction; the reminder scan sweeps those a set-based step (the deadline scan's expiry) left open.
import type { NotificationKind } from '../notifications/notification.entity.js';
import type { CaseOperation } from './case-state-machine.js';

/** Concluding mediation (or leaving it) settles what asked the mediator and the coordinator to work the case. */
const CONCLUDED: readonly NotificationKind[] = ['MEDIATION_DEADLINE_WARNING', 'NOT_SIGNED_FOR', 'CASE_ASSIGNED'];
/** The case moved on from REFUSED, FAILED or EXPIRED (or left the notice stage for trial or filing). */
const MOVED_ON: readonly NotificationKind[] = ['TRANSFER_WAITING', 'NOTICE_REPLY_OVERDUE'];

export const NOTIFICATIONS_DONE_BY_STEP: Partial<Record<CaseOperation, readonly NotificationKind[]>> = {
  // A new notice has its own reply date; the last answer (refer or refuse) ends the wait for answers.
  issueNotice: ['NOTICE_REPLY_OVERDUE'],
  refer: ['NOTICE_REPLY_OVERDUE'],
  refuse: ['NOTICE_REPLY_OVERDUE'],
  recuseMediator: ['NOT_SIGNED_FOR', 'CASE_ASSIGNED'],
  receiveMaterials: ['NOT_SIGNED_FOR', 'CASE_ASSIGNED'],
  recordSession: ['CASE_ASSIGNED'],
  // The deadline warned about is no longer the deadline.
  extendPeriod: ['MEDIATION_DEADLINE_WARNING'],
  settle: CONCLUDED,
  fail: CONCLUDED,
  withdraw: CONCLUDED,
  recordPerformance: ['PERFORMANCE_DUE'],
  applyJudicialConfirmation: ['CONFIRMATION_REQUESTED'],
  recordJudicialConfirmation: ['CONFIRMATION_REQUESTED'],
  transferToFiling: MOVED_ON,
  transferUnsuitable: MOVED_ON,
  transferToTrial: MOVED_ON,
  fileSuit: MOVED_ON,
  // The overdue fee is settled by the payment, the relief or the ruling (按撤诉处理) it asked for.
  recordFeePayment: ['FEE_OVERDUE'],
  grantFeeRelief: ['FEE_OVERDUE'],
  deemWithdrawn: ['FEE_OVERDUE'],
  cancelRegistration: MOVED_ON,
};
