import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ROLES } from '../common/role.js';
import { PERMISSIONS, type PermissionName } from './permissions.js';
import type { Actor } from '../common/actor.js';
import { COOKIE_SESSION_KEY, PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from '../common/http/route-access.js';

export {
  COOKIE_SESSION_ALLOWED,
  COOKIE_SESSION_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  type AuthenticatedRequest,
} from '../common/http/route-access.js';

/** No login needed (health, login itself, public ratings). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const PERMISSION_KEY = 'auth:permission';

/**
 * The permission a handler needs (src/auth/permissions.ts): the guard lets in the roles the table gives it.
 * Every non-public handler names a permission, the case steps it takes (@Step, src/cases/case-step-route.ts), or
 * @AnyRole.
 */
export const Permission = (name: PermissionName) =>
  applyDecorators(SetMetadata(ROLES_KEY, [...PERMISSIONS[name]]), SetMetadata(PERMISSION_KEY, name));

/**
 * The page controllers: the only handlers where the session cookie may log a request in. Decided by the
 * route the request matched, never by the URL's text (`/%61pi/...` matches the API's routes too).
 */
export const CookieSession = () => SetMetadata(COOKIE_SESSION_KEY, true);

/** Any logged-in user, whatever the role. */
export const AnyRole = () => SetMetadata(ROLES_KEY, [...ROLES]);

export const BEFORE_PASSWORD_CHANGE_KEY = 'beforePasswordChange';
/**
 * Open to a user who must change the password first (after an administrator's reset) or enrol a second factor
 * first (an administrator without one): the change, the enrolment, logout, who am I.
 */
export const BeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return { ...request.user!, requestId: String(request.id), clientAddress: request.ip };
});
