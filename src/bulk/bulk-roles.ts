// Who may run each bulk step of a batch and download its files, said once for the API and the pages. The steps
// take the table's roles for the single step (the outcomes: the court's coordinator, not a mediator, who acts on
// their own cases only).
import { stepRoles } from '../cases/case-state-machine.js';
import type { Role } from '../common/role.js';
import { BATCH_READER_ROLES } from '../intake/batch-roles.js';

export const BATCH_STEP_ROLES = {
  notices: stepRoles('issueNotice'),
  answers: stepRoles('recordAnswer'),
  outcomes: ['COORDINATOR'],
  judicialConfirmationApplications: stepRoles('applyJudicialConfirmation'),
  filings: stepRoles('fileSuit'),
  transfersToTrial: stepRoles('transferToTrial'),
  /** The parties' papers stay with the court's staff who send and follow them. */
  noticesPdf: ['CLERK', 'COORDINATOR'],
  /** The bank's own account too: the file is what it gets back. */
  result: BATCH_READER_ROLES,
} satisfies Record<string, Role[]>;
