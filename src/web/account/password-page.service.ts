// 修改密码: the page for changing one's own password, through the same check as POST /api/v1/auth/password
// (policy, history); the change ends every session, so the page then asks to log in again.
import { Injectable } from '@nestjs/common';
import { CredentialsService } from '../../auth/credentials.service.js';
import { SESSION_COOKIE } from '../../auth/jwt.strategy.js';
import type { Actor } from '../../common/actor.js';
import { ValidationFailedError } from '../../common/errors.js';
import { fieldMessages, type FieldMessages } from '../kit/field-errors.js';
import type { FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';
import { clearedCookie } from '../kit/session-cookie.js';

const passwordField = (fields: FormFields, name: string) => (typeof fields[name] === 'string' ? fields[name] : '');

@Injectable()
export class PasswordPageService {
  constructor(private readonly credentials: CredentialsService) {}

  page(actor: Actor, errors: FieldMessages = {}) {
    return { forced: actor.mustChangePassword === true, errors };
  }

  async change(actor: Actor, fields: FormFields): Promise<Redirect | View> {
    const currentPassword = passwordField(fields, 'currentPassword');
    const newPassword = passwordField(fields, 'newPassword');
    const errors: FieldMessages = {};
    if (!currentPassword) errors.currentPassword = '请输入当前密码';
    if (!newPassword) errors.newPassword = '请输入新密码';
    else if (passwordField(fields, 'confirmPassword') !== newPassword)
      errors.confirmPassword = '两次输入的新密码不一致';
    if (Object.keys(errors).length === 0) {
      try {
        await this.credentials.changeOwnPassword(actor, currentPassword, newPassword);
        return new Redirect('/login?changed=1', [clearedCookie(SESSION_COOKIE)]);
      } catch (error) {
        if (!(error instanceof ValidationFailedError)) throw error;
        Object.assign(errors, fieldMessages(error.details));
      }
    }
    return new View('account/password', this.page(actor, errors), 400);
  }
}
