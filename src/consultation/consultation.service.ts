import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { CalendarYearUnknownError } from '../calendar/holiday-schedule.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, StaleVersionError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { loadCase } from '../cases/case-access.js';
import { recordCaseEvent } from '../cases/case-history.js';
import type { Case } from '../cases/case.entity.js';
import { CONSULTATION_CONFIG, type ConsultationConfig } from './consultation-config.js';
import { ConsultationLetter } from './consultation-letter.entity.js';
import { ConsultationReadService } from './consultation-read.service.js';
import { ConsultationReply } from './consultation-reply.entity.js';
import { checkMayConsult, LETTER_SUBJECT } from './consultation-rules.js';
import type { CorrectReplyDto, ReplyDto, SendConsultationDto } from './consultation.dto.js';
import { loadLetter } from './letter-access.js';
import { LetterNumberService } from './letter-number.service.js';
import { WorkNotificationsService } from '../notifications/work-notifications.service.js';

function expectLetterVersion(letter: ConsultationLetter, expected: number | undefined): void {
  if (expected !== undefined && expected !== letter.version) throw new StaleVersionError(expected, letter.version);
}

/** Sending letters and recording the bureau's replies (执行咨询函 / 执行建议). */
@Injectable()
export class ConsultationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONSULTATION_CONFIG) private readonly config: ConsultationConfig,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly numbers: LetterNumberService,
    private readonly reader: ConsultationReadService,
    private readonly work: WorkNotificationsService,
  ) {}

  /** 发函: numbers the letter and sets its due date in working days (暂定 where a year's calendar is not yet known). */
  async send(actor: Actor, dto: SendConsultationDto) {
    const id = await this.dataSource.transaction(async (m) => {
      await this.calendar.lockForCaseDates(m);
      const c = await loadCase(m, actor, dto.caseId, true);
      checkMayConsult(actor, c.status);
      const sentAt = this.clock.now();
      const sentOn = chinaDate(sentAt);
      const due = await this.calendar.caseWorkingDaysAfter(m, sentOn, this.config.replyWorkingDays[dto.priority]);
      const dueOn = due.date;
      const court = await m.findOneByOrFail(Court, { id: c.courtId });
      const letter = await m.save(
        m.create(ConsultationLetter, {
          courtId: c.courtId,
          caseId: c.id,
          letterNumber: await this.numbers.next(m, court, yearOf(sentOn)),
          senderUserId: actor.userId,
          senderDivisionId: actor.divisionId!,
          questions: dto.questions,
          otherQuestion: dto.otherQuestion ?? null,
          priority: dto.priority,
          sentAt,
          sentOn,
          dueOn,
          dueOnProvisional: due.provisional,
          status: 'SENT',
        }),
      );
      const details = {
        letterId: letter.id,
        letterNumber: letter.letterNumber,
        priority: letter.priority,
        dueOn,
        ...(due.provisional ? { dueOnProvisional: true, unknownYear: due.unknownYear } : {}),
      };
      await this.recordLetterEvent(m, actor, letter, 'CONSULTATION_SENT', null, details);
      await recordCaseEvent(this.audit, m, actor, c, 'CONSULTATION_SENT', c.status, details);
      await this.work.letterSent(m, actor, letter);
      return letter.id;
    });
    return this.reader.get(actor, id);
  }

  /** 答复: the one reply of a letter, by the actor as replying officer. */
  async reply(actor: Actor, id: string, dto: ReplyDto) {
    await this.dataSource.transaction(async (m) => {
      const { letter, c } = await loadLetter(m, actor, id, true);
      if (letter.status === 'REPLIED') {
        throw new ConflictError('ALREADY_REPLIED', '该咨询函已答复；如需修改，请提交更正', {
          letterNumber: letter.letterNumber,
        });
      }
      expectLetterVersion(letter, dto.version);
      const reply = await this.addReplyVersion(m, actor, letter, dto, 1, null);
      letter.status = 'REPLIED';
      letter.repliedAt = reply.repliedAt;
      letter.repliedOn = chinaDate(reply.repliedAt);
      letter.workingDaysToReply = await this.workingDaysToReply(m, letter.sentOn, letter.repliedOn);
      letter.currentReplyVersion = reply.version;
      await m.save(letter);
      await this.recordReplyEvents(m, actor, { letter, c, reply }, 'CONSULTATION_REPLIED', { status: 'SENT' });
      await this.work.letterReplied(m, actor, letter, reply.version, c);
    });
    return this.reader.get(actor, id);
  }

  /** 更正: a new reply version with its reason; earlier versions stay as they were. */
  async correctReply(actor: Actor, id: string, dto: CorrectReplyDto) {
    await this.dataSource.transaction(async (m) => {
      const { letter, c } = await loadLetter(m, actor, id, true);
      if (letter.status !== 'REPLIED') {
        throw new ConflictError('NOT_YET_REPLIED', '该咨询函尚未答复，不能更正；请先答复');
      }
      expectLetterVersion(letter, dto.version);
      const previous = letter.currentReplyVersion!;
      const reply = await this.addReplyVersion(m, actor, letter, dto, previous + 1, dto.reason);
      letter.currentReplyVersion = reply.version;
      await m.save(letter);
      await this.recordReplyEvents(m, actor, { letter, c, reply }, 'CONSULTATION_REPLY_CORRECTED', {
        status: 'REPLIED',
        replyVersion: previous,
      });
      await this.work.letterReplied(m, actor, letter, reply.version, c);
    });
    return this.reader.get(actor, id);
  }

  private addReplyVersion(
    m: EntityManager,
    actor: Actor,
    letter: ConsultationLetter,
    dto: ReplyDto,
    version: number,
    correctionReason: string | null,
  ): Promise<ConsultationReply> {
    return m.save(
      m.create(ConsultationReply, {
        letterId: letter.id,
        courtId: letter.courtId,
        version,
        assessment: dto.assessment,
        opinion: dto.opinion,
        suggestions: dto.suggestions ?? [],
        officerUserId: actor.userId,
        repliedAt: this.clock.now(),
        correctionReason,
      }),
    );
  }

  /**
   * 答复时长 for the statistics. A reply must never be refused because an
   * administrator has not yet entered a year's calendar: then it stays unknown (null).
   */
  private async workingDaysToReply(m: EntityManager, sentOn: string, repliedOn: string): Promise<number | null> {
    try {
      return await this.calendar.workingDaysBetween(sentOn, repliedOn, m);
    } catch (error) {
      if (error instanceof CalendarYearUnknownError) return null;
      throw error;
    }
  }

  private async recordReplyEvents(
    m: EntityManager,
    actor: Actor,
    { letter, c, reply }: { letter: ConsultationLetter; c: Case; reply: ConsultationReply },
    action: string,
    letterBefore: Record<string, unknown>,
  ): Promise<void> {
    const details = {
      letterId: letter.id,
      letterNumber: letter.letterNumber,
      replyVersion: reply.version,
      assessment: reply.assessment,
      ...(reply.correctionReason ? { correctionReason: reply.correctionReason } : {}),
    };
    await this.recordLetterEvent(m, actor, letter, action, letterBefore, details);
    await recordCaseEvent(this.audit, m, actor, c, action, c.status, details);
  }

  private recordLetterEvent(
    m: EntityManager,
    actor: Actor,
    letter: ConsultationLetter,
    action: string,
    before: Record<string, unknown> | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(m, actor, {
      courtId: letter.courtId,
      subjectType: LETTER_SUBJECT,
      subjectId: letter.id,
      action,
      before,
      after: { status: letter.status, ...details },
    });
  }
}
