import type { Role } from '../users/role.js';

/** Who is acting, in which court, for which request: passed to every service method. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  courtId: string;
  divisionId: string | null;
  roles: Role[];
  requestId?: string;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}

/** The JWT claims we sign. */
export interface TokenClaims {
  sub: string;
  username: string;
  name: string;
  courtId: string;
  divisionId: string | null;
  roles: Role[];
}
