// What a route says about access, as metadata keys, and the request once the guard has logged it in. Kept in
// common because common's own guards and interceptors read them; the decorators that set them are in
// src/auth/decorators.ts.
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../actor.js';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';
export const COOKIE_SESSION_KEY = 'auth:cookie-session';
/** A party's route (当事人): public for the staff guard, and open only to a party token (src/party/). */
export const PARTY_KEY = 'auth:party';

/** Set on a request by JwtAuthGuard when its matched handler takes the session cookie. */
export const COOKIE_SESSION_ALLOWED = Symbol('cookie-session-allowed');

export type AuthenticatedRequest = FastifyRequest & { user?: Actor; [COOKIE_SESSION_ALLOWED]?: boolean };
