// Login for the pages: the same credential check and token as POST /api/v1/auth/login, kept in an HttpOnly
// cookie instead of the page's scripts.
import { Injectable } from '@nestjs/common';
import { AccountLockedError, CredentialsService } from '../../auth/credentials.service.js';
import { type LoginClient, SessionTokensService } from '../../auth/session-tokens.service.js';
import { SecondFactorService } from '../../auth/second-factor.service.js';
import type { Actor } from '../../common/actor.js';
import { LoginBusyError } from '../../auth/password-hash-gate.js';
import { SESSION_COOKIE } from '../../auth/jwt.strategy.js';
import { UnauthenticatedError } from '../../common/errors.js';
import { PRE_SESSION_COOKIE } from '../kit/csrf.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';
import { clearedCookie, sessionCookie } from '../kit/session-cookie.js';

/** Only a path on this site, and not the login page itself (no open redirect). */
export function safeNext(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s]*$/.test(value) || value.startsWith('/login')) return '/';
  return value;
}

/** What the login page says when the credentials are refused, by the refusal. */
function loginRefusal(error: unknown): { message: string; status: number } | undefined {
  if (error instanceof UnauthenticatedError) {
    return { message: '用户名或密码不正确，请重新输入。忘记密码请联系系统管理员。', status: 401 };
  }
  if (error instanceof AccountLockedError || error instanceof LoginBusyError) {
    return { message: error.message, status: error.status };
  }
  return undefined;
}

@Injectable()
export class WebAuthService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionTokensService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  loginPage(next: string | undefined, expired: string | undefined, changed?: string) {
    return {
      username: '',
      next: safeNext(next),
      notice: changed ? '密码已修改，请用新密码重新登录。' : expired ? '登录已失效，请重新登录。' : undefined,
    };
  }

  async login(fields: FormFields, client: LoginClient): Promise<Redirect | View> {
    const username = textField(fields, 'username');
    const password = typeof fields.password === 'string' ? fields.password : '';
    const next = safeNext(textField(fields, 'next'));
    if (!username || !password) {
      return new View('login', { username, next, error: '请输入用户名和密码。' }, 400);
    }
    try {
      const actor = await this.credentials.verifyCredentials(username, password, client);
      if (actor.secondFactorPending) {
        return new View('login-second-factor', { ...this.secondFactor.challengeFor(actor.userId), next });
      }
      return this.loggedIn(actor, next);
    } catch (error) {
      const refusal = loginRefusal(error);
      if (!refusal) throw error;
      return new View('login', { username, next, error: refusal.message }, refusal.status);
    }
  }

  /** The login's second step: the code from the authenticator app (or a recovery code). */
  async secondStep(fields: FormFields, client: LoginClient): Promise<Redirect | View> {
    const challenge = textField(fields, 'challenge');
    const code = textField(fields, 'code');
    const next = safeNext(textField(fields, 'next'));
    if (!code) {
      return new View('login-second-factor', { challenge, next, error: '请输入动态验证码。' }, 400);
    }
    try {
      return this.loggedIn(await this.credentials.completeSecondFactor(challenge, code, client), next);
    } catch (error) {
      if (error instanceof UnauthenticatedError && error.code === 'SECOND_FACTOR_INVALID') {
        return new View('login-second-factor', { challenge, next, error: error.message }, 401);
      }
      const refusal = loginRefusal(error);
      if (!refusal) throw error;
      // An expired or unknown challenge, or a lock: start again from the password.
      const message = error instanceof UnauthenticatedError ? error.message : refusal.message;
      return new View('login', { username: '', next, error: message }, refusal.status);
    }
  }

  private loggedIn(actor: Actor, next: string): Redirect {
    const { accessToken, expiresIn } = this.sessions.issueToken(actor);
    // After an administrator's reset the user chooses a new password first; an administrator without a second
    // factor enrols one first.
    const first = actor.mustChangePassword
      ? '/account/password'
      : actor.mustEnrolSecondFactor
        ? '/account/second-factor'
        : next;
    return new Redirect(first, [sessionCookie(accessToken, expiresIn), clearedCookie(PRE_SESSION_COOKIE)]);
  }

  /** Ends the session: its token is revoked (not only the cookie dropped), as the API's logout does. */
  async logout(token: string | undefined, client: LoginClient): Promise<Redirect> {
    await this.sessions.revokeSessionToken(token, client);
    return new Redirect('/login', [clearedCookie(SESSION_COOKIE)]);
  }
}
