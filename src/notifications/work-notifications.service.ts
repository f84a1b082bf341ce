// Notifications for new work (新工作提醒): a letter for the bureau, its reply for the judge, a case assigned to
// or taken from a mediator, an extension or a judicial confirmation for the coordinators. Each is raised in the
// transaction of the step that makes the work, for the people who must act on it (never the one who acted).
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import type { NotificationKind } from './notification.entity.js';
import { markNotificationsDone, NotificationService } from './notification.service.js';

/** The case as a notification names it: its number when it has one, else its 案由. */
interface NotifiedCase {
  id: string;
  courtId: string;
  caseType: string;
  prelitigationNumber?: string | null;
  filingNumber?: string | null;
}

interface NotifiedLetter {
  id: string;
  courtId: string;
  letterNumber: string;
  senderUserId: string;
  dueOn: string;
}

const LETTER_SUBJECT = 'CONSULTATION_LETTER';
const CASE_SUBJECT = 'CASE';

const caseName = (c: NotifiedCase) => c.filingNumber ?? c.prelitigationNumber ?? `${c.caseType}案件`;

@Injectable()
export class WorkNotificationsService {
  constructor(
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
  ) {}

  /** 发函: every active officer of the enforcement bureau. */
  async letterSent(m: EntityManager, actor: Actor, letter: NotifiedLetter): Promise<void> {
    const bureau = await this.staffWithRole(m, letter.courtId, 'ENFORCEMENT', actor.userId);
    await this.notifyAll(m, bureau, {
      courtId: letter.courtId,
      kind: 'CONSULTATION_RECEIVED',
      subjectType: LETTER_SUBJECT,
      subjectId: letter.id,
      message: `收到执行咨询函 ${letter.letterNumber}，请在 ${letter.dueOn} 前答复。`,
      dueOn: letter.dueOn,
      dedupeKey: `letter-received:${letter.id}`,
    });
  }

  /**
   * 答复 or 更正 (version 2, 3...): the judge who sent the letter, and the mediator of the case it is about. The
   * first reply settles the bureau's notifications of the letter (新咨询函, 明日到期, 已超期).
   */
  async letterReplied(
    m: EntityManager,
    actor: Actor,
    letter: NotifiedLetter,
    replyVersion: number,
    about: NotifiedCase & { mediatorUserId: string | null },
  ): Promise<void> {
    const corrected = replyVersion > 1;
    if (!corrected) {
      await markNotificationsDone(
        m,
        {
          subjectType: LETTER_SUBJECT,
          subjectId: letter.id,
          kinds: ['CONSULTATION_RECEIVED', 'CONSULTATION_DUE_TOMORROW', 'CONSULTATION_OVERDUE'],
        },
        this.clock.now(),
      );
    }
    const base = {
      courtId: letter.courtId,
      kind: corrected ? ('CONSULTATION_REPLY_CORRECTED' as const) : ('CONSULTATION_REPLIED' as const),
      subjectType: LETTER_SUBJECT,
      subjectId: letter.id,
      dedupeKey: `letter-reply:${letter.id}:${replyVersion}`,
    };
    if (letter.senderUserId !== actor.userId) {
      await this.notifyAll(m, [letter.senderUserId], {
        ...base,
        message: corrected
          ? `执行局更正了咨询函 ${letter.letterNumber} 的答复，请查看更正后的意见。`
          : `执行局已答复咨询函 ${letter.letterNumber}。`,
      });
    }
    const mediator = about.mediatorUserId;
    if (mediator && mediator !== actor.userId && mediator !== letter.senderUserId) {
      await this.notifyAll(m, [mediator], {
        ...base,
        message: corrected
          ? `执行局更正了关于您调解的案件 ${caseName(about)} 的咨询函 ${letter.letterNumber} 的答复，请查看更正后的意见。`
          : `执行局已答复关于您调解的案件 ${caseName(about)} 的咨询函 ${letter.letterNumber}，可据此向当事人释明执行前景。`,
      });
    }
  }

  /** 分派 / 更换调解员 (one or many cases): the new mediator, and the one the case was taken from. */
  async casesAssigned(
    m: EntityManager,
    actor: Actor,
    items: readonly { c: NotifiedCase; mediatorUserId: string | null; previousUserId: string | null }[],
  ): Promise<void> {
    const at = this.clock.now().getTime();
    for (const { c, mediatorUserId, previousUserId } of items) {
      const base = { courtId: c.courtId, subjectType: CASE_SUBJECT, subjectId: c.id };
      if (mediatorUserId && mediatorUserId !== actor.userId && mediatorUserId !== previousUserId) {
        await this.notifyAll(m, [mediatorUserId], {
          ...base,
          kind: 'CASE_ASSIGNED',
          message: `新分派给您的案件：${caseName(c)}，请尽快联系当事人。`,
          dedupeKey: `case-assigned:${c.id}:${at}`,
        });
      }
      if (previousUserId && previousUserId !== mediatorUserId && previousUserId !== actor.userId) {
        await this.notifyAll(m, [previousUserId], {
          ...base,
          kind: 'CASE_REASSIGNED_AWAY',
          message: `案件 ${caseName(c)} 已改由其他调解员办理，您无需再跟进。`,
          dedupeKey: `case-reassigned:${c.id}:${at}`,
        });
      }
    }
  }

  /** 回避 recorded by someone else: the mediator who is to step back. */
  async mediatorRecused(
    m: EntityManager,
    actor: Actor,
    c: NotifiedCase,
    mediatorUserId: string | null,
    recusalId: string,
  ) {
    if (!mediatorUserId || mediatorUserId === actor.userId) return;
    await this.notifyAll(m, [mediatorUserId], {
      courtId: c.courtId,
      kind: 'MEDIATOR_RECUSED',
      subjectType: CASE_SUBJECT,
      subjectId: c.id,
      message: `您已在案件 ${caseName(c)} 中回避，不再办理本案。`,
      dedupeKey: `recused:${recusalId}`,
    });
  }

  /** 延长调解期限 recorded: the coordinators keep the deadlines. */
  async extensionRecorded(m: EntityManager, actor: Actor, c: NotifiedCase, extensionId: string, newDeadline: string) {
    const coordinators = await this.staffWithRole(m, c.courtId, 'COORDINATOR', actor.userId);
    await this.notifyAll(m, coordinators, {
      courtId: c.courtId,
      kind: 'EXTENSION_RECORDED',
      subjectType: CASE_SUBJECT,
      subjectId: c.id,
      message: `案件 ${caseName(c)} 经双方同意延长调解期限，新的届满日为 ${newDeadline}。`,
      dueOn: newDeadline,
      dedupeKey: `extension:${extensionId}`,
    });
  }

  /** A settlement to be confirmed by the court (申请司法确认): the coordinators take it to the judge. */
  async confirmationAsked(m: EntityManager, actor: Actor, c: NotifiedCase, outcomeId: string) {
    const coordinators = await this.staffWithRole(m, c.courtId, 'COORDINATOR', actor.userId);
    await this.notifyAll(m, coordinators, {
      courtId: c.courtId,
      kind: 'CONFIRMATION_REQUESTED',
      subjectType: CASE_SUBJECT,
      subjectId: c.id,
      message: `案件 ${caseName(c)} 调解成功，当事人申请司法确认，请安排办理。`,
      dedupeKey: `confirmation:${outcomeId}`,
    });
  }

  /**
   * 电子卷宗生成失败 (the builder gave up): the clerk who handed the case over (else every clerk of the court), who
   * answers for the handover to the trial division, and the court's administrators, who keep the file store.
   * Once per failure: a rebuild that fails again is told again.
   */
  async filePackageFailed(
    m: EntityManager,
    c: NotifiedCase,
    p: { id: string; attempts: number; reason: string; rebuilds: number },
  ): Promise<void> {
    const rows: { id: string }[] = await m.query(
      `WITH handover AS (
         SELECT u.id FROM audit_events e JOIN users u ON u.id = e.actor_id
          WHERE e.subject_type = 'CASE' AND e.subject_id = $2 AND e.action = 'CASE_FILE_PACKAGE_READY'
            AND e.after ->> 'packageId' = $3 AND u.court_id = $1 AND u.active AND 'CLERK' = ANY (u.roles))
       SELECT id FROM users
        WHERE court_id = $1 AND active
          AND ('ADMIN' = ANY (roles)
               OR ('CLERK' = ANY (roles) AND (id IN (SELECT id FROM handover) OR NOT EXISTS (SELECT 1 FROM handover))))
        ORDER BY id`,
      [c.courtId, c.id, p.id],
    );
    await this.notifyAll(
      m,
      rows.map((r) => r.id),
      {
        courtId: c.courtId,
        kind: 'FILE_PACKAGE_FAILED',
        subjectType: CASE_SUBJECT,
        subjectId: c.id,
        message: `案件 ${caseName(c)} 的电子卷宗经 ${p.attempts} 次尝试仍未生成，已停止自动重试。原因：${p.reason}。处理后请在案件页面“电子卷宗”处申请重新生成。`,
        dedupeKey: `file-package-failed:${p.id}:${p.rebuilds}`,
      },
    );
  }

  private async staffWithRole(m: EntityManager, courtId: string, role: string, except: string): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE court_id = $1 AND active AND $2 = ANY (roles) AND id <> $3 ORDER BY id`,
      [courtId, role, except],
    );
    return rows.map((r) => r.id);
  }

  private async notifyAll(
    m: EntityManager,
    recipients: readonly string[],
    input: {
      courtId: string;
      kind: NotificationKind;
      subjectType: string;
      subjectId: string;
      message: string;
      dueOn?: string;
      dedupeKey: string;
    },
  ): Promise<void> {
    for (const recipientUserId of recipients) await this.notifications.notify(m, { ...input, recipientUserId });
  }
}
