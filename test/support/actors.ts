// An actor for the unit specs that need only someone with roles (menus, links): no database, no token.
import type { Actor } from '../../src/common/actor.js';
import type { Role } from '../../src/common/role.js';

/** A user of court `c` with the given roles. */
export const actorWith = (...roles: Role[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  courtId: 'c',
  divisionId: null,
  roles,
});
