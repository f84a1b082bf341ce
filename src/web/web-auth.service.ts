// Login for the pages: the same credential check and token as POST /api/v1/auth/login, kept in an HttpOnly
// cookie instead of the page's scripts.
import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service.js';
import { SESSION_COOKIE } from '../auth/jwt.strategy.js';
import { UnauthenticatedError } from '../common/errors.js';
import { PRE_SESSION_COOKIE } from './csrf.js';
import { textField, type FormFields } from './form-body.js';
import { Redirect, View } from './page-result.js';
import { clearedCookie, sessionCookie } from './session-cookie.js';

/** Only a path on this site, and not the login page itself (no open redirect). */
export function safeNext(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s]*$/.test(value) || value.startsWith('/login')) return '/';
  return value;
}

@Injectable()
export class WebAuthService {
  constructor(private readonly auth: AuthService) {}

  loginPage(next: string | undefined, expired: string | undefined) {
    return {
      username: '',
      next: safeNext(next),
      notice: expired ? '登录已失效，请重新登录。' : undefined,
    };
  }

  async login(fields: FormFields): Promise<Redirect | View> {
    const username = textField(fields, 'username');
    const password = typeof fields.password === 'string' ? fields.password : '';
    const next = safeNext(textField(fields, 'next'));
    if (!username || !password) {
      return new View('login', { username, next, error: '请输入用户名和密码。' }, 400);
    }
    try {
      const actor = await this.auth.verifyCredentials(username, password);
      const { accessToken, expiresIn } = this.auth.issueToken(actor);
      return new Redirect(next, [sessionCookie(accessToken, expiresIn), clearedCookie(PRE_SESSION_COOKIE)]);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      return new View(
        'login',
        { username, next, error: '用户名或密码不正确，请重新输入。忘记密码请联系系统管理员。' },
        401,
      );
    }
  }

  logout(): Redirect {
    return new Redirect('/login', [clearedCookie(SESSION_COOKIE)]);
  }
}
