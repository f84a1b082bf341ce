// 双因素认证 page: one's own enrolment (QR code and secret shown once, then the recovery codes shown once) and
// the renewal of recovery codes, through the same service as /api/v1/auth/second-factor. The page an
// administrator without a second factor is sent to (SECOND_FACTOR_ENROLMENT_REQUIRED).
import { Injectable } from '@nestjs/common';
import { SessionTokensService } from '../../auth/session-tokens.service.js';
import { SecondFactorService } from '../../auth/second-factor.service.js';
import type { Actor } from '../../common/actor.js';
import { DomainError } from '../../common/errors.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { View } from '../kit/page-result.js';
import { sessionCookie } from '../kit/session-cookie.js';

@Injectable()
export class SecondFactorPageService {
  constructor(
    private readonly secondFactor: SecondFactorService,
    private readonly sessions: SessionTokensService,
  ) {}

  async page(actor: Actor, extra: { error?: string; enrolment?: object } = {}) {
    return {
      status: await this.secondFactor.status(actor),
      required: this.secondFactor.requiredFor(actor.roles),
      ...extra,
    };
  }

  async start(actor: Actor): Promise<View> {
    try {
      const enrolment = await this.secondFactor.startEnrolment(actor);
      return new View('account/second-factor', await this.page(actor, { enrolment }));
    } catch (error) {
      return this.refused(actor, error);
    }
  }

  /** The first code confirms; the session's cookie is renewed (no longer "enrol first") with the codes page. */
  async confirm(actor: Actor, fields: FormFields): Promise<View> {
    try {
      const { recoveryCodes } = await this.secondFactor.confirmEnrolment(actor, textField(fields, 'code'));
      const { accessToken, expiresIn } = await this.sessions.refresh(actor);
      return new View('account/second-factor-codes', { recoveryCodes, enrolled: true }, 200, [
        sessionCookie(accessToken, expiresIn),
      ]);
    } catch (error) {
      return this.refused(actor, error, '验证码不正确：请重新开始绑定，扫描新的二维码后输入验证器显示的数字。');
    }
  }

  async renew(actor: Actor, fields: FormFields): Promise<View> {
    try {
      const { recoveryCodes } = await this.secondFactor.renewRecoveryCodes(actor, textField(fields, 'code'));
      return new View('account/second-factor-codes', { recoveryCodes, enrolled: false });
    } catch (error) {
      return this.refused(actor, error);
    }
  }

  private async refused(actor: Actor, error: unknown, invalidCode?: string): Promise<View> {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    const message = error.code === 'SECOND_FACTOR_INVALID' && invalidCode ? invalidCode : error.message;
    return new View(
      'account/second-factor',
      await this.page(actor, { error: message }),
      error.status === 409 ? 409 : 400,
    );
  }
}
