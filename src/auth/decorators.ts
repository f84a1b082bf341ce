import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../common/role.js';
import type { Actor } from '../common/actor.js';

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** No login needed (health, login itself, public ratings). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles allowed on a handler. Every non-public handler must declare them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const COOKIE_SESSION_KEY = 'auth:cookie-session';

/**
 * The page controllers: the only handlers where the session cookie may log a request in. Decided by the
 * route the request matched, never by the URL's text (`/%61pi/...` matches the API's routes too).
 */
export const CookieSession = () => SetMetadata(COOKIE_SESSION_KEY, true);

/** Set on a request by JwtAuthGuard when its matched handler takes the session cookie. */
export const COOKIE_SESSION_ALLOWED = Symbol('cookie-session-allowed');

/** Any logged-in user, whatever the role. */
export const AnyRole = () => SetMetadata(ROLES_KEY, [...ROLES]);

export type AuthenticatedRequest = FastifyRequest & { user?: Actor; [COOKIE_SESSION_ALLOWED]?: boolean };

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return { ...request.user!, requestId: String(request.id), clientAddress: request.ip };
});
