// Who reads what of the fee, stated once for the API and the pages.
import { ROLES, type Role } from '../common/role.js';

/** The calculator: any of the court's staff may work out a fee for a person at the window. */
export const FEE_CALCULATOR_ROLES: readonly Role[] = ROLES;

/** The printed fee notice, like the referral notice: the court's own staff who handle the parties' papers. */
export const FEE_NOTICE_READER_ROLES: readonly Role[] = ['CLERK', 'COORDINATOR', 'JUDGE'];
