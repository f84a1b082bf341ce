// Who may do what with a case file: the one table the API, the pages and the page's forms read. A mediator is
// held to their own cases by the case scoping (another's case is 404).
import type { Role } from '../common/role.js';

export const CASE_FILE_ROLES = {
  /** The case's staff: list, download, print the documents. */
  read: ['CLERK', 'COORDINATOR', 'MEDIATOR', 'JUDGE'],
  add: ['CLERK', 'COORDINATOR', 'MEDIATOR'],
  withdraw: ['CLERK', 'COORDINATOR'],
  /** The electronic file out (电子卷宗): the window, the centre and the trial judge who receives the case. */
  package: ['CLERK', 'COORDINATOR', 'JUDGE'],
} satisfies Record<string, Role[]>;
