// Who may upload a bank's batch and follow it, said once for the API and the pages: the court's clerk and the
// bank's own account upload; the court's staff who see all its cases, and the bank's account (its own batches
// only, loadBatch), follow a batch.
import { BANK_CASE_READER_ROLES, COURT_WIDE_CASE_ROLES } from '../cases/case-access.js';
import type { Role } from '../common/role.js';

export const BATCH_UPLOAD_ROLES: Role[] = ['CLERK', ...BANK_CASE_READER_ROLES];
export const BATCH_READER_ROLES: Role[] = [...COURT_WIDE_CASE_ROLES, ...BANK_CASE_READER_ROLES];
