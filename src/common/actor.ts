import type { Role } from './role.js';

/** Who is acting, in which court, for which request: passed to every service method. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  courtId: string;
  divisionId: string | null;
  roles: Role[];
  requestId?: string;
  /** The token's id and expiry (seconds since epoch), for logout and refresh. */
  tokenId?: string;
  tokenExpiresAt?: number;
  /** When the session's first login was (ms): refreshes never extend a session past SESSION_MAX_HOURS. */
  sessionStartedMs?: number;
  /** The client's address (through trusted proxies only), for the history. */
  clientAddress?: string;
  /** An administrator reset the password: nothing but changing it (and logging out) until the user does. */
  mustChangePassword?: boolean;
  /** An administrator without a second factor: nothing but enrolling one (and logging out) until they do. */
  mustEnrolSecondFactor?: boolean;
  /**
   * A party (当事人) acting online on their own case, with no staff account and no roles: `userId` is the
   * party's id, and the case is the only one they see (src/party/).
   */
  party?: { partyId: string; caseId: string };
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
  jti?: string;
  issuedAtMs?: number;
  sessionStartedMs?: number;
  mustChangePassword?: boolean;
  mustEnrolSecondFactor?: boolean;
  iat?: number;
  exp?: number;
}
