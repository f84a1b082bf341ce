import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { UnauthenticatedError } from '../common/errors.js';
import { User } from '../users/user.entity.js';
import type { Actor, TokenClaims } from './actor.js';

// A fixed hash to verify against when the user does not exist, so that an
// unknown username costs the same time as a wrong password.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jm9FJ3Ltz4m5mXCr2xWJQ3v3Uu0bTeyW1tV7p0i0YvI';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
  ) {}

  async verifyCredentials(username: string, password: string): Promise<Actor> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const ok = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!user || !ok || !user.active) {
      await this.audit.recordStandalone(null, {
        courtId: user?.courtId ?? null,
        subjectType: 'USER',
        subjectId: user?.id ?? username.slice(0, 64),
        action: 'LOGIN_FAILED',
        after: {
          username: username.slice(0, 64),
          reason: !user ? 'UNKNOWN_USER' : !ok ? 'WRONG_PASSWORD' : 'INACTIVE',
        },
      });
      throw new UnauthenticatedError('INVALID_CREDENTIALS', '用户名或密码错误');
    }
    const actor = toActor(user);
    await this.audit.recordStandalone(actor, { subjectType: 'USER', subjectId: user.id, action: 'LOGIN' });
    return actor;
  }

  issueToken(actor: Actor): { accessToken: string; expiresIn: number } {
    const claims: TokenClaims = {
      sub: actor.userId,
      username: actor.username,
      name: actor.displayName,
      courtId: actor.courtId,
      divisionId: actor.divisionId,
      roles: actor.roles,
    };
    return {
      accessToken: this.jwt.sign(claims, { expiresIn: this.options.jwtTtlSeconds }),
      expiresIn: this.options.jwtTtlSeconds,
    };
  }
}

export function toActor(user: User): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    courtId: user.courtId,
    divisionId: user.divisionId,
    roles: user.roles,
  };
}
