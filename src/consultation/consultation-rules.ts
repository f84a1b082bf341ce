// The rules of consultation letters (执行咨询函), pure so they are unit-tested
// without a database: who may send and read a letter, when it is overdue, and
// when the escalation job speaks up.
import { hasRole, type Actor } from '../common/actor.js';
import { ConflictError, RuleViolationError } from '../common/errors.js';
import { ProvisionalCalendar, type HolidaySchedule } from '../calendar/holiday-schedule.js';
import { workingDaysBetween } from '../calendar/period.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/case-status.js';

export const PRIORITIES = ['NORMAL', 'URGENT'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = { NORMAL: '普通', URGENT: '加急' };

export const ASSESSMENTS = ['ENFORCEABLE', 'PARTIALLY_ENFORCEABLE', 'UNENFORCEABLE'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];
export const ASSESSMENT_LABELS: Record<Assessment, string> = {
  ENFORCEABLE: '可执行',
  PARTIALLY_ENFORCEABLE: '部分可执行',
  UNENFORCEABLE: '难以执行',
};

/** subject_type of a letter's own history events. */
export const LETTER_SUBJECT = 'CONSULTATION_LETTER';

/** Stored statuses; "overdue" is derived from the dates (see isOverdue). */
export type LetterStatus = 'SENT' | 'REPLIED';
export const LETTER_STATUS_LABELS: Record<LetterStatus, string> = { SENT: '待答复', REPLIED: '已答复' };

/** A coordinator (诉调对接中心) consults only while a mediator works the case. */
export const COORDINATOR_CONSULTABLE_STATUSES: readonly CaseStatus[] = ['ASSIGNED', 'IN_MEDIATION'];

/** Most attachments one letter may carry. */
export const MAX_ATTACHMENTS_PER_LETTER = 10;

/** Whether this actor may send a letter about a case in `status`; throws the reason when not. */
export function checkMayConsult(actor: Actor, status: CaseStatus): void {
  if (!actor.divisionId) {
    throw new RuleViolationError(
      'SENDER_DIVISION_REQUIRED',
      '您的账号未设置所属部门，不能发送执行咨询函；请联系系统管理员',
    );
  }
  if (hasRole(actor, 'JUDGE')) return;
  if (!COORDINATOR_CONSULTABLE_STATUSES.includes(status)) {
    throw new ConflictError(
      'CASE_NOT_IN_MEDIATION',
      `案件当前状态为“${CASE_STATUS_LABELS[status]}”，诉调对接中心只能在调解期间发送执行咨询函`,
      { status },
    );
  }
}

/** What visibility needs to know about a letter. */
export interface LetterParties {
  courtId: string;
  senderUserId: string;
  senderDivisionId: string;
  /** The user behind the case's current mediator. */
  caseMediatorUserId: string | null;
}

/**
 * 可见范围: the sender's division (its judges and coordinators), the enforcement
 * bureau of the same court, and the case's staff (its mediator, the coordinators).
 */
export function canSeeLetter(actor: Actor, letter: LetterParties): boolean {
  if (actor.courtId !== letter.courtId) return false;
  if (actor.userId === letter.senderUserId) return true;
  if (hasRole(actor, 'ENFORCEMENT', 'COORDINATOR')) return true;
  if (hasRole(actor, 'JUDGE') && actor.divisionId === letter.senderDivisionId) return true;
  return hasRole(actor, 'MEDIATOR') && letter.caseMediatorUserId === actor.userId;
}

interface LetterDates {
  status: LetterStatus;
  dueOn: string;
  repliedOn: string | null;
}

/** 超期: unanswered after the due date, or answered after it. `today` is a China date. */
export function isOverdue(letter: LetterDates, today: string): boolean {
  return letter.status === 'SENT' ? today > letter.dueOn : (letter.repliedOn ?? '') > letter.dueOn;
}

export type Escalation = 'DUE_TOMORROW' | 'OVERDUE';

/**
 * What the escalation job says about an unanswered letter today: OVERDUE on each
 * day past the due date; DUE_TOMORROW when the due date is the next working day
 * (so on Friday for a Monday, on the last day before a holiday). Only dates up to
 * the due date are looked up; a provisional due date (暂定, in a year not yet known) is looked up the way it
 * was counted, with weekends only, so one such letter never stops the job.
 */
export function escalationFor(letter: { dueOn: string }, today: string, schedule: HolidaySchedule): Escalation | null {
  if (today > letter.dueOn) return 'OVERDUE';
  if (today === letter.dueOn) return null;
  return workingDaysBetween(new ProvisionalCalendar(schedule), today, letter.dueOn) <= 1 ? 'DUE_TOMORROW' : null;
}
