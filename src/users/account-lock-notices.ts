// Issue 28: when failed logins lock an account, the court's active administrators are told (an in-app
// notification naming the account and the source), so a guessing attack does not go unseen.
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccountLock, CredentialsService } from '../auth/credentials.service.js';
import { NotificationService } from '../notifications/notification.service.js';

@Injectable()
export class AccountLockNotices implements OnModuleInit {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly notifications: NotificationService,
  ) {}

  onModuleInit(): void {
    this.credentials.onAccountLocked((m, lock) => this.tellAdministrators(m, lock));
  }

  private async tellAdministrators(m: EntityManager, lock: AccountLock): Promise<void> {
    const admins: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE court_id = $1 AND active AND 'ADMIN' = ANY (roles)`,
      [lock.courtId],
    );
    const source = lock.source ?? '未知地址';
    for (const admin of admins) {
      await this.notifications.notify(m, {
        courtId: lock.courtId,
        recipientUserId: admin.id,
        kind: 'ACCOUNT_LOCKED',
        subjectType: 'USER',
        subjectId: lock.userId,
        message:
          `账户 ${lock.displayName}（${lock.username}）自 ${source} 连续 ${lock.failures} 次登录失败，` +
          `已对该来源锁定 ${lock.minutes} 分钟；如非本人操作，请核实`,
        dedupeKey: `account-locked:${lock.userId}:${source}:${lock.at.toISOString()}`,
      });
    }
  }
}
