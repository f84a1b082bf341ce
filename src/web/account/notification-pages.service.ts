// The logged-in user's notifications (提醒) as a page, and the unread count of the bell in the page header.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { LETTER_SUBJECT } from '../../consultation/consultation-rules.js';
import type { NotificationKind } from '../../notifications/notification.entity.js';
import { NotificationService } from '../../notifications/notification.service.js';
import { Redirect } from '../kit/page-result.js';

const PAGE_SIZE = 50;

/** What people call each kind of notification; a kind added later without a label reads 提醒. */
/** Every kind has its label: a new kind without one does not compile. */
const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  CONSULTATION_RECEIVED: '新咨询函',
  CONSULTATION_DUE_TOMORROW: '咨询函明日到期',
  CONSULTATION_OVERDUE: '咨询函已超期',
  CONSULTATION_REPLIED: '咨询函已答复',
  CONSULTATION_REPLY_CORRECTED: '答复已更正',
  CASE_ASSIGNED: '新分派案件',
  CASE_REASSIGNED_AWAY: '案件已改派',
  MEDIATOR_RECUSED: '回避',
  EXTENSION_RECORDED: '延长调解期限',
  CONFIRMATION_REQUESTED: '申请司法确认',
  MEDIATION_DEADLINE_WARNING: '调解期限预警',
  DEADLINE_RECOMPUTED: '期限已重新计算',
  FEE_OVERDUE: '逾期未交诉讼费',
  PERSONAL_DATA_REVEAL_LIMIT: '个人信息查看超限',
  ACCOUNT_LOCKED: '账户锁定',
  NOTICE_REPLY_OVERDUE: '告知书答复逾期',
  TRANSFER_WAITING: '待转立案',
  PERFORMANCE_DUE: '履行期限已过',
  NOT_SIGNED_FOR: '调解员未签收',
  PARTY_MESSAGE: '当事人留言',
  FILE_PACKAGE_FAILED: '电子卷宗生成失败',
};

const kindLabel = (kind: string): string => NOTIFICATION_KIND_LABELS[kind as NotificationKind] ?? '提醒';

/** Where a notification leads, by what it is about. */
const SUBJECT_PAGES: Record<string, (id: string) => string> = {
  [LETTER_SUBJECT]: (id) => `/consultations/${id}`,
  CASE: (id) => `/cases/${id}`,
};

@Injectable()
export class NotificationPagesService {
  constructor(private readonly notifications: NotificationService) {}

  /** Unread first by default (`?show=all` for every one), newest first, 50 a page. */
  async page(actor: Actor, show: string | undefined, cursor: string | undefined) {
    const all = show === 'all';
    const [page, unread] = await Promise.all([
      this.notifications.list(actor, { unread: all ? undefined : true, cursor: cursor || undefined, limit: PAGE_SIZE }),
      this.notifications.countUnread(actor),
    ]);
    return {
      all,
      unread,
      firstPage: !cursor,
      nextCursor: page.nextCursor,
      notifications: page.items.map((n) => ({
        ...n,
        kindLabel: kindLabel(n.kind),
        href: SUBJECT_PAGES[n.subjectType]?.(n.subjectId) ?? null,
      })),
    };
  }

  /** 标为已读, then back to the list as it was shown. */
  async markRead(actor: Actor, id: string, show: string | undefined): Promise<Redirect> {
    await this.notifications.markRead(actor, id);
    return new Redirect(show === 'all' ? '/notifications?show=all' : '/notifications');
  }
}
