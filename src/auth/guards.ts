import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import type { Role } from '../common/role.js';
import type { Actor } from '../common/actor.js';
import { SessionTokensService } from './session-tokens.service.js';
import { tokenFromRequest } from './jwt.strategy.js';
import { VerifiedTokens } from './verified-tokens.js';
import {
  BEFORE_PASSWORD_CHANGE_KEY,
  COOKIE_SESSION_ALLOWED,
  COOKIE_SESSION_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  type AuthenticatedRequest,
} from './decorators.js';

// Errors may come from another realm (driver sockets), so no instanceof Error.
function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string';
}

/** The actor JwtStrategy.validate makes of a token's claims. */
type VerifiedActor = Actor & { tokenExpiresAt: number; issuedAtMs?: number };

/** Every route needs a valid token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly verified = new VerifiedTokens<VerifiedActor>();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: SessionTokensService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // Said for public routes too: a public page that still reads the session (the 404 page's menu) may use the
    // cookie exactly where any page may.
    request[COOKIE_SESSION_ALLOWED] =
      this.reflector.getAllAndOverride<boolean>(COOKIE_SESSION_KEY, [context.getHandler(), context.getClass()]) ===
      true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    await this.authenticate(context, request);
    // A valid signature is not enough: the token must not be revoked and its user still active.
    const live = await this.auth.isActorLive(request.user as Actor);
    if (!live) throw new UnauthenticatedError('TOKEN_REVOKED', '登录已失效，请重新登录');
    return true;
  }

  /**
   * Signature and expiry (passport-jwt, then JwtStrategy.validate), or, for a token this instance has verified
   * before, its expiry again and the actor it gave (a copy).
   */
  private async authenticate(context: ExecutionContext, request: AuthenticatedRequest): Promise<void> {
    const token = tokenFromRequest(request);
    const known = token ? this.verified.get(token, Date.now()) : undefined;
    if (known) {
      request.user = { ...known };
      return;
    }
    await super.canActivate(context);
    const actor = request.user as VerifiedActor | undefined;
    if (token && actor) this.verified.remember(token, { ...actor }, actor.tokenExpiresAt);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // A failure to check the token (database down) is not a bad token: let it surface as 503.
    if (err) throw isErrorLike(err) ? err : new UnauthenticatedError();
    if (!user) throw new UnauthenticatedError('UNAUTHENTICATED', '登录已失效或未登录，请重新登录');
    return user;
  }
}

/** Turns passport-local's failure into our error shape. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw isErrorLike(err) ? err : new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    if (!user) throw new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    return user;
  }
}

/** After an administrator's reset, everything but changing the password (and logging out) waits for the change. */
export class PasswordChangeRequiredError extends ForbiddenError {
  constructor() {
    super('PASSWORD_CHANGE_REQUIRED', '系统管理员已重置您的密码，请先修改密码后再继续使用');
  }
}

/** An administrator without a second factor enrols one before anything else. */
export class SecondFactorEnrolmentRequiredError extends ForbiddenError {
  constructor() {
    super('SECOND_FACTOR_ENROLMENT_REQUIRED', '系统管理员账户须先启用双因素认证（绑定验证器应用）后才能继续使用');
  }
}

/** Each handler declares its roles; a handler that forgot to is closed to everyone. */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger(RolesGuard.name);
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) {
      this.logger.error(`handler ${context.getClass().name}.${context.getHandler().name} declares no roles`);
      throw new ForbiddenError();
    }
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!actor || !actor.roles.some((role) => allowed.includes(role))) throw new ForbiddenError();
    if (actor.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)) {
      throw new PasswordChangeRequiredError();
    }
    if (
      actor.mustEnrolSecondFactor &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)
    ) {
      throw new SecondFactorEnrolmentRequiredError();
    }
    return true;
  }
}
