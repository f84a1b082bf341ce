import { DomainError, NotFoundError, UnauthenticatedError } from '../common/errors.js';

/**
 * An unknown, expired, used or revoked link, or an identity that does not match the records: one answer for
 * all, so that nobody learns from it whether a case or a party exists.
 */
export const partyLinkRefused = () =>
  new NotFoundError('PARTY_LINK_INVALID', '链接无效或已过期，或填写的身份信息与法院登记的不一致');

export const partySessionRefused = () =>
  new UnauthenticatedError('PARTY_SESSION_INVALID', '身份验证已失效，请重新打开法院短信中的链接并验证身份');

/** Too many wrong codes: the challenge is locked for good; a new identity check sends a new code. */
export class ChallengeLockedError extends DomainError {
  readonly status = 423;
  constructor() {
    super('CHALLENGE_LOCKED', '验证码错误次数过多，本次验证已锁定。请重新验证身份获取新的验证码');
  }
}
