// Named reads of the consultation letters (执行咨询函): the boxes, one letter with its attachments and replies, a
// case's letters, the replies in force, and an attachment's file. Functions taking a manager, and
// `ConsultationQueries` offering them on the data source to the services (which keep the rules, the writes and
// the transactions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { Court } from '../courts/court.entity.js';
import { ConsultationAttachment } from './consultation-attachment.entity.js';
import { ConsultationLetter } from './consultation-letter.entity.js';
import type { Assessment } from './consultation-rules.js';
import { loadLetterRefs } from './consultation-view.js';
import type { StatusFilter } from './consultation.dto.js';
import { loadLetter } from './letter-access.js';

/** 超期 in SQL, the same rule as isOverdue() in consultation-rules.ts. */
const OVERDUE_SQL = `((l.status = 'SENT' AND l.due_on < :today) OR (l.status = 'REPLIED' AND l.replied_on > l.due_on))`;
const OVERDUE_RANK_SQL = `(CASE WHEN ${OVERDUE_SQL} THEN 0 ELSE 1 END)`;

/** Which of the court's letters a box lists: all, or one status (OVERDUE: 超期 as of `today`). */
export interface LetterFilter {
  courtId: string;
  today: string;
  status?: StatusFilter;
}

/** A reply in force as read for the settlement form: its letter and its current version. */
export interface CurrentReplyRow {
  letter_id: string;
  letter_number: string;
  version: number;
  assessment: Assessment;
  opinion: string;
  suggestions: string[];
  replied_at: Date;
}

/** The court's letters, by status. */
function lettersOfCourt(m: EntityManager, filter: LetterFilter): SelectQueryBuilder<ConsultationLetter> {
  const qb = m
    .getRepository(ConsultationLetter)
    .createQueryBuilder('l')
    .where('l.court_id = :courtId', { courtId: filter.courtId })
    .setParameter('today', filter.today);
  if (filter.status === 'OVERDUE') qb.andWhere(OVERDUE_SQL);
  else if (filter.status) qb.andWhere('l.status = :status', { status: filter.status });
  return qb;
}

/**
 * 收件箱: the court's letters, overdue first, then by due date and id, at most `take`; with `after` (the cursor's
 * overdue rank, due date and id), those after it.
 */
export function findInboxLetters(
  m: EntityManager,
  filter: LetterFilter,
  after: readonly (string | number)[] | undefined,
  take: number,
): Promise<ConsultationLetter[]> {
  const qb = lettersOfCourt(m, filter);
  if (after) {
    const [rank, dueOn, id] = after;
    qb.andWhere(`(${OVERDUE_RANK_SQL}, l.due_on, l.id) > (:rank, :dueOn, :id)`, { rank, dueOn, id });
  }
  qb.orderBy(OVERDUE_RANK_SQL, 'ASC').addOrderBy('l.due_on', 'ASC').addOrderBy('l.id', 'ASC');
  return qb.limit(take).getMany();
}

/**
 * 发件箱: the letters of the court sent by the division, newest first, at most `take`; with `before` (the cursor's
 * sending time and id), those before it.
 */
export function findOutboxLetters(
  m: EntityManager,
  filter: LetterFilter,
  divisionId: string,
  before: readonly (string | number)[] | undefined,
  take: number,
): Promise<ConsultationLetter[]> {
  const qb = lettersOfCourt(m, filter);
  qb.andWhere('l.sender_division_id = :divisionId', { divisionId });
  if (before) {
    const [sentAt, id] = before;
    qb.andWhere('(l.sent_at, l.id) < (:sentAt, :id)', { sentAt, id });
  }
  qb.orderBy('l.sent_at', 'DESC').addOrderBy('l.id', 'DESC');
  return qb.limit(take).getMany();
}

/** A letter's attachments (without their content), in the order uploaded. */
export function findAttachments(m: EntityManager, letterId: string): Promise<ConsultationAttachment[]> {
  return m.find(ConsultationAttachment, { where: { letterId }, order: { uploadedAt: 'ASC', id: 'ASC' } });
}

/** How many files a letter has. */
export function countAttachments(m: EntityManager, letterId: string): Promise<number> {
  return m.count(ConsultationAttachment, { where: { letterId } });
}

/** One file of a letter with its content, or null. */
export function findAttachmentWithContent(
  m: EntityManager,
  letterId: string,
  attachmentId: string,
): Promise<ConsultationAttachment | null> {
  return m
    .createQueryBuilder(ConsultationAttachment, 'a')
    .addSelect('a.data')
    .where('a.id = :attachmentId AND a.letter_id = :letterId', { attachmentId, letterId })
    .getOne();
}

/** A case's letters, oldest first. */
export function findLettersOfCase(m: EntityManager, caseId: string): Promise<ConsultationLetter[]> {
  return m.find(ConsultationLetter, { where: { caseId }, order: { sentAt: 'ASC', id: 'ASC' } });
}

/** The replies in force (each letter's current version) of a case's letters, newest first. */
export function findCurrentReplies(m: EntityManager, caseId: string): Promise<CurrentReplyRow[]> {
  return m.query(
    `SELECT l.id AS letter_id, l.letter_number, r.version, r.assessment, r.opinion, r.suggestions, r.replied_at
         FROM consultation_letters l
         JOIN consultation_replies r ON r.letter_id = l.id AND r.version = l.current_reply_version
        WHERE l.case_id = $1
        ORDER BY r.replied_at DESC, l.id`,
    [caseId],
  );
}

@Injectable()
export class ConsultationQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get m(): EntityManager {
    return this.dataSource.manager;
  }

  inboxLetters(filter: LetterFilter, after: readonly (string | number)[] | undefined, take: number) {
    return findInboxLetters(this.m, filter, after, take);
  }

  outboxLetters(
    filter: LetterFilter,
    divisionId: string,
    before: readonly (string | number)[] | undefined,
    take: number,
  ) {
    return findOutboxLetters(this.m, filter, divisionId, before, take);
  }

  /** A letter the actor may see, and its case (404 otherwise). */
  visibleLetter(actor: Actor, id: string) {
    return loadLetter(this.m, actor, id);
  }

  /** The names and replies the views of these letters show. */
  letterRefs(letters: ConsultationLetter[]) {
    return loadLetterRefs(this.m, letters);
  }

  attachments(letterId: string): Promise<ConsultationAttachment[]> {
    return findAttachments(this.m, letterId);
  }

  attachmentCount(letterId: string): Promise<number> {
    return countAttachments(this.m, letterId);
  }

  attachmentWithContent(letterId: string, attachmentId: string): Promise<ConsultationAttachment | null> {
    return findAttachmentWithContent(this.m, letterId, attachmentId);
  }

  lettersOfCase(caseId: string): Promise<ConsultationLetter[]> {
    return findLettersOfCase(this.m, caseId);
  }

  currentReplies(caseId: string): Promise<CurrentReplyRow[]> {
    return findCurrentReplies(this.m, caseId);
  }

  court(courtId: string): Promise<Court> {
    return this.m.findOneByOrFail(Court, { id: courtId });
  }
}
