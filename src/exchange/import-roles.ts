// Who imports registrations from the court's case system: the window (立案窗口), who registers cases.
import type { Role } from '../common/role.js';

export const IMPORT_ROLES: Role[] = ['CLERK'];
