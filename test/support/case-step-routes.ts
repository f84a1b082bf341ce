// Which routes take which case step (the transition table's operations): the map the route-roles test and the
// access matrix read. A route that takes a case step and is missing here fails test/e2e/case-step-roles.e2e.spec.ts.
import type { RouteAccess } from '../../src/auth/route-inventory.js';
import { stepRoles, type CaseOperation } from '../../src/cases/case-state-machine.js';
import type { Role } from '../../src/common/role.js';

/** `METHOD path` -> the steps the handler may take (the case decides which one). API and pages alike. */
export const CASE_STEP_ROUTES: Record<string, readonly CaseOperation[]> = {
  'POST /api/v1/cases/:id/address-verification': ['verifyAddress'],
  'POST /api/v1/cases/:id/notices': ['issueNotice'],
  // The answer that decides the referral refers or refuses the case in the same request.
  'POST /api/v1/cases/:id/answers': ['recordAnswer', 'refer', 'refuse'],
  'POST /api/v1/cases/:id/assignment': ['assignMediator', 'reassignMediator'],
  'POST /api/v1/assignments/bulk': ['assignMediator', 'reassignMediator'],
  'POST /api/v1/cases/:id/recusal': ['recuseMediator', 'excludeMediator'],
  'POST /api/v1/cases/:id/receipt': ['receiveMaterials'],
  'POST /api/v1/cases/:id/sessions': ['recordSession'],
  'POST /api/v1/cases/:id/extensions': ['extendPeriod'],
  'POST /api/v1/cases/:id/outcome': ['settle', 'fail', 'withdraw'],
  'POST /api/v1/cases/:id/performance': ['recordPerformance'],
  'POST /api/v1/cases/:id/judicial-confirmation-application': ['applyJudicialConfirmation'],
  'POST /api/v1/cases/:id/judicial-confirmation': ['recordJudicialConfirmation'],
  'POST /api/v1/cases/:id/transfer-to-filing': ['transferToFiling', 'transferUnsuitable'],
  'POST /api/v1/cases/:id/filing': ['fileSuit'],
  'POST /api/v1/cases/:id/transfer-to-trial': ['transferToTrial'],
  'POST /api/v1/cases/:id/fee-payment': ['recordFeePayment', 'grantFeeRelief'],
  'POST /api/v1/cases/:id/deemed-withdrawal': ['deemWithdrawn'],
  'POST /api/v1/cases/:id/scheduled-sessions': ['scheduleSession'],
  'POST /api/v1/cases/:id/scheduled-sessions/:sessionId/move': ['scheduleSession'],
  'POST /api/v1/cases/:id/scheduled-sessions/:sessionId/held': ['closeScheduledSession'],
  'POST /api/v1/cases/:id/scheduled-sessions/:sessionId/missed': ['closeScheduledSession'],
  'POST /api/v1/cases/:id/trial-procedure': ['correctTrialProcedure'],
  'PATCH /api/v1/cases/:id': ['correctRegistration'],
  'PATCH /api/v1/cases/:id/parties/:partyId': ['correctRegistration'],
  'POST /api/v1/cases/:id/parties': ['addParty'],
  'POST /api/v1/cases/:id/parties/:partyId/agents': ['addAgent'],
  'POST /api/v1/cases/:id/cancellation': ['cancelRegistration'],
  'PATCH /api/v1/cases/:id/answers/:answerId': ['correctAnswer'],
  'PATCH /api/v1/cases/:id/sessions/:sessionId': ['correctSession'],
  'PATCH /api/v1/cases/:id/outcome': ['correctOutcome'],
  'POST /cases/:id/correction': ['correctRegistration'],
  'POST /cases/:id/parties/:partyId/correction': ['correctRegistration'],
  'POST /cases/:id/parties': ['addParty'],
  'POST /cases/:id/agents': ['addAgent'],
  'POST /cases/:id/cancellation': ['cancelRegistration'],
  'POST /cases/:id/outcome/correction': ['correctOutcome'],
  'POST /cases/:id/answers/:answerId/correction': ['correctAnswer'],
  'POST /cases/:id/sessions/:sessionId/correction': ['correctSession'],
  'POST /cases/:id/address-verification': ['verifyAddress'],
  'POST /cases/:id/notices': ['issueNotice'],
  'POST /cases/:id/answers': ['recordAnswer', 'refer', 'refuse'],
  'POST /cases/:id/assignment': ['assignMediator', 'reassignMediator'],
  'POST /coordination/bulk': ['assignMediator', 'reassignMediator'],
  'POST /cases/:id/recusal': ['recuseMediator', 'excludeMediator'],
  'POST /cases/:id/receipt': ['receiveMaterials'],
  'POST /cases/:id/sessions': ['recordSession'],
  'POST /cases/:id/extensions': ['extendPeriod'],
  'POST /cases/:id/outcome': ['settle', 'fail', 'withdraw'],
  'POST /cases/:id/performance': ['recordPerformance'],
  'POST /cases/:id/judicial-confirmation-application': ['applyJudicialConfirmation'],
  'POST /cases/:id/judicial-confirmation': ['recordJudicialConfirmation'],
  'POST /cases/:id/transfer-to-filing': ['transferToFiling', 'transferUnsuitable'],
  'POST /cases/:id/filing': ['fileSuit'],
  'POST /cases/:id/transfer-to-trial': ['transferToTrial'],
  'POST /cases/:id/fee-payment': ['recordFeePayment', 'grantFeeRelief'],
  'POST /cases/:id/deemed-withdrawal': ['deemWithdrawn'],
  'POST /cases/:id/scheduled-sessions': ['scheduleSession'],
  'POST /cases/:id/trial-procedure': ['correctTrialProcedure'],
};

/** Routes that change something about a case without taking a step of its lifecycle, and why. */
export const NOT_CASE_STEPS: Record<string, string> = {
  'POST /cases/:id/consultations': '执行咨询函: a letter about the case; the case itself does not move',
  'POST /cases/:id/parties/:partyId/phone': '查看个人信息: a read, recorded in the history',
  'POST /api/v1/cases/:id/attachments': '卷宗材料: a file added to the case file; the case itself does not move',
  'POST /api/v1/cases/:id/attachments/:attachmentId/withdrawal': '卷宗材料: a file withdrawn, kept on record',
  'POST /cases/:id/attachments': '卷宗材料: a file added to the case file; the case itself does not move',
  'POST /cases/:id/attachments/:attachmentId/withdrawal': '卷宗材料: a file withdrawn, kept on record',
  'POST /api/v1/cases/:id/invitations': '邀请当事人在线参与: links sent to the parties; the case itself does not move',
  'POST /api/v1/cases/:id/invitations/revocation':
    '撤销在线链接: the party’s links and sessions end; the case does not move',
  'POST /cases/:id/invitations': '邀请当事人在线参与: links sent to the parties; the case itself does not move',
  'POST /api/v1/cases/:id/agreement-signing':
    '提交调解协议供在线签署: the text put up and links sent; the case moves at the last signature (settle)',
  'POST /api/v1/cases/:id/agreement-signing/signatures':
    '调解员签署: only the mediator signs (the route says so); the signature takes the settle step through CaseOps',
  'POST /cases/:id/agreement-signing/signature':
    '调解员签署 (the case page): only the mediator signs; the signature takes the settle step through CaseOps',
  'POST /api/v1/cases/:id/messages': '当事人留言: the mediator’s reply to a party; the case itself does not move',
  'POST /cases/:id/party-messages': '当事人留言 (the case page): the mediator’s reply; the case itself does not move',
  'POST /api/v1/cases/:id/file-package/rebuild':
    '重新生成电子卷宗: a failed package built again from what was handed over; the case itself does not move',
  'POST /cases/:id/file-package/rebuild':
    '重新生成电子卷宗 (the case page): a failed package built again; the case itself does not move',
};

export const routeKey = (route: Pick<RouteAccess, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** A route that writes to one case by its id: either a case step or listed in NOT_CASE_STEPS. */
export function writesToACase(route: Pick<RouteAccess, 'method' | 'path'>): boolean {
  return route.method !== 'GET' && /^(\/api\/v1)?\/cases\/:id\//.test(route.path);
}

/** The roles the transition table lets take the route's steps, or null for a route that takes none. */
export function caseStepRouteRoles(route: Pick<RouteAccess, 'method' | 'path'>): Role[] | null {
  const steps = CASE_STEP_ROUTES[routeKey(route)];
  return steps ? stepRoles(...steps) : null;
}
