// 双因素认证 (issue 28): a TOTP second factor with one-time recovery codes, required for administrators (unless
// ADMIN_SECOND_FACTOR=optional) and available to every staff account. Enrolment shows the secret once (otpauth
// URI and QR code); the first code confirms it and gives the recovery codes, also shown once.
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import QRCode from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/actor.js';
import { ConflictError, NotFoundError, RuleViolationError, UnauthenticatedError } from '../common/errors.js';
import { isUuid } from '../common/court-scope.js';
import { derivedKey } from '../common/keys.js';
import type { Role } from '../common/role.js';
import { AuthQueries } from './auth-queries.js';
import {
  acceptedStep,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  openSecret,
  recoveryCodeHash,
  sealSecret,
  totpFor,
} from './second-factor.js';

/** How long the step between the password and the code may take. */
const CHALLENGE_SECONDS = 300;

type SecondFactorMethod = 'TOTP' | 'RECOVERY_CODE';

export class SecondFactorCodeError extends RuleViolationError {
  constructor() {
    super('SECOND_FACTOR_INVALID', '动态验证码不正确或已使用，请输入验证器应用中当前显示的 6 位数字');
  }
}

interface FactorRow {
  sealed_secret: string;
  confirmed_at: Date | null;
  last_step: string | null;
}

@Injectable()
export class SecondFactorService {
  private readonly secretKey: Buffer;
  private readonly recoveryKey: Buffer;
  private readonly challengeKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: AuthQueries,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {
    this.secretKey = derivedKey(options.jwtSecret, 'second-factor-secrets');
    this.recoveryKey = derivedKey(options.jwtSecret, 'recovery-codes');
    this.challengeKey = derivedKey(options.jwtSecret, 'second-factor-challenges');
  }

  /** Administrators must have one (unless the deployment says ADMIN_SECOND_FACTOR=optional). */
  requiredFor(roles: readonly Role[]): boolean {
    return this.options.adminSecondFactor !== 'optional' && roles.includes('ADMIN');
  }

  /** Whether the user has a confirmed second factor. */
  isEnrolled(userId: string): Promise<boolean> {
    return this.queries.secondFactorEnrolled(userId);
  }

  async status(actor: Actor) {
    const row = await this.queries.secondFactorStatus(actor.userId);
    const enrolled = !!row?.confirmed_at;
    return {
      enrolled,
      enrolledAt: row?.confirmed_at ?? null,
      required: this.requiredFor(actor.roles),
      recoveryCodesLeft: enrolled ? row.left : 0,
    };
  }

  /** A new secret, pending until a code confirms it; shown this once. Refused once a factor is confirmed. */
  async startEnrolment(actor: Actor): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
    const secret = newTotpSecret();
    const sealed = sealSecret(this.secretKey, actor.userId, secret);
    await this.dataSource.transaction(async (m) => {
      const rows: unknown[] = await m.query(
        `INSERT INTO user_second_factors (user_id, sealed_secret) VALUES ($1, $2)
         ON CONFLICT (user_id) DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret, last_step = NULL,
           created_at = now()
         WHERE user_second_factors.confirmed_at IS NULL
         RETURNING 1`,
        [actor.userId, sealed],
      );
      if (rows.length === 0) throw alreadyEnrolled();
      await this.audit.record(m, actor, {
        subjectType: 'USER',
        subjectId: actor.userId,
        action: 'SECOND_FACTOR_ENROLMENT_STARTED',
      });
    });
    const otpauthUri = totpFor(secret, actor.username).toString();
    const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, otpauthUri, qrSvg };
  }

  /** The first code confirms the pending secret; the answer carries the recovery codes, shown this once. */
  async confirmEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.lockedFactor(m, actor.userId);
      if (!row) throw new ConflictError('SECOND_FACTOR_NOT_STARTED', '请先开始绑定，再输入验证器中的动态验证码');
      if (row.confirmed_at) throw alreadyEnrolled();
      const step = acceptedStep(openSecret(this.secretKey, actor.userId, row.sealed_secret), code.trim(), Date.now());
      if (step === undefined) throw new SecondFactorCodeError();
      await m.query(`UPDATE user_second_factors SET confirmed_at = now(), last_step = $2 WHERE user_id = $1`, [
        actor.userId,
        step,
      ]);
      const recoveryCodes = await this.replaceRecoveryCodes(m, actor.userId);
      await this.audit.record(m, actor, {
        subjectType: 'USER',
        subjectId: actor.userId,
        action: 'SECOND_FACTOR_ENROLLED',
      });
      return { recoveryCodes };
    });
  }

  /** A new set of recovery codes (the old ones end), against a current code. */
  async renewRecoveryCodes(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.dataSource.transaction(async (m) => {
      if ((await this.useCode(m, actor.userId, code, 'TOTP_ONLY')) === undefined) throw new SecondFactorCodeError();
      const recoveryCodes = await this.replaceRecoveryCodes(m, actor.userId);
      await this.audit.record(m, actor, {
        subjectType: 'USER',
        subjectId: actor.userId,
        action: 'RECOVERY_CODES_RENEWED',
      });
      return { recoveryCodes };
    });
  }

  /** The user's own removal, against a current code; an administrator who must have one cannot. */
  async remove(actor: Actor, code: string): Promise<void> {
    if (this.requiredFor(actor.roles)) {
      throw new RuleViolationError('SECOND_FACTOR_REQUIRED', '系统管理员账户必须启用双因素认证，不能解除');
    }
    await this.dataSource.transaction(async (m) => {
      if ((await this.useCode(m, actor.userId, code, 'ANY')) === undefined) throw new SecondFactorCodeError();
      await this.deleteFactor(m, actor.userId);
      await this.audit.record(m, actor, {
        subjectType: 'USER',
        subjectId: actor.userId,
        action: 'SECOND_FACTOR_REMOVED',
      });
    });
  }

  /** An administrator of the same court clears a user's factor (lost phone and codes); the user enrols again. */
  async resetFor(admin: Actor, userId: string): Promise<void> {
    if (!isUuid(userId)) throw new NotFoundError('USER_NOT_FOUND', '用户不存在');
    await this.dataSource.transaction(async (m) => {
      const users: unknown[] = await m.query(`SELECT 1 FROM users WHERE id = $1 AND court_id = $2`, [
        userId,
        admin.courtId,
      ]);
      if (users.length === 0) throw new NotFoundError('USER_NOT_FOUND', '用户不存在');
      await this.deleteFactor(m, userId);
      await this.audit.record(m, admin, { subjectType: 'USER', subjectId: userId, action: 'SECOND_FACTOR_RESET' });
    });
  }

  /** Between the password and the code: a short-lived token naming the user, signed with its own key. */
  challengeFor(userId: string): { challenge: string; expiresIn: number } {
    const challenge = this.jwt.sign(
      { sub: userId, purpose: 'second-factor' },
      { secret: this.challengeKey, expiresIn: CHALLENGE_SECONDS, algorithm: 'HS256' },
    );
    return { challenge, expiresIn: CHALLENGE_SECONDS };
  }

  /** The user a challenge names, or 401 when it is not ours, expired or of another purpose. */
  userOfChallenge(challenge: string): string {
    try {
      const claims = this.jwt.verify<{ sub: string; purpose: string }>(challenge, {
        secret: this.challengeKey,
        algorithms: ['HS256'],
      });
      if (claims.purpose === 'second-factor' && typeof claims.sub === 'string') return claims.sub;
    } catch {
      // answered below
    }
    throw new UnauthenticatedError('SECOND_FACTOR_CHALLENGE_EXPIRED', '登录已超时，请重新输入用户名和密码');
  }

  /** A login's code: a TOTP code not used before, or an unused recovery code (then used up). */
  verifyLoginCode(userId: string, code: string): Promise<SecondFactorMethod | undefined> {
    return this.dataSource.transaction((m) => this.useCode(m, userId, code, 'ANY'));
  }

  private async useCode(
    m: EntityManager,
    userId: string,
    input: string,
    accept: 'ANY' | 'TOTP_ONLY',
  ): Promise<SecondFactorMethod | undefined> {
    const row = await this.lockedFactor(m, userId);
    if (!row?.confirmed_at) return undefined;
    const code = input.trim();
    const step = acceptedStep(openSecret(this.secretKey, userId, row.sealed_secret), code, Date.now());
    // A code is good once: not again, nor an earlier step's after a later one.
    if (step !== undefined && (row.last_step === null || step > Number(row.last_step))) {
      await m.query(`UPDATE user_second_factors SET last_step = $2 WHERE user_id = $1`, [userId, step]);
      return 'TOTP';
    }
    if (accept === 'TOTP_ONLY') return undefined;
    const canonical = normaliseRecoveryCode(code);
    if (!canonical) return undefined;
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown, number] = await m.query(
      `UPDATE user_recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [userId, recoveryCodeHash(this.recoveryKey, userId, canonical)],
    );
    return affected > 0 ? 'RECOVERY_CODE' : undefined;
  }

  private async lockedFactor(m: EntityManager, userId: string): Promise<FactorRow | undefined> {
    const rows: FactorRow[] = await m.query(
      `SELECT sealed_secret, confirmed_at, last_step FROM user_second_factors WHERE user_id = $1 FOR UPDATE`,
      [userId],
    );
    return rows[0];
  }

  private async replaceRecoveryCodes(m: EntityManager, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(`INSERT INTO user_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [
      userId,
      codes.map((c) => recoveryCodeHash(this.recoveryKey, userId, c.replace('-', ''))),
    ]);
    return codes;
  }

  private async deleteFactor(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM user_recovery_codes WHERE user_id = $1`, [userId]);
    await m.query(`DELETE FROM user_second_factors WHERE user_id = $1`, [userId]);
  }
}

const alreadyEnrolled = () =>
  new ConflictError('SECOND_FACTOR_ENROLLED', '已启用双因素认证；如需更换验证器，请先解除或由系统管理员重置');
