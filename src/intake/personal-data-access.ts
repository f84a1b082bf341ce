// 查看完整个人信息: who may read a party's full resident ID number and phone, and how often. The case's own
// people only: the court's clerks and coordinators (the window and the centre work every case), the
// assigned mediator, a judge who sent a consultation letter on the case, and the enforcement bureau for
// the parties of a letter addressed to it. More than REVEAL_LIMIT_PER_HOUR reveals by one person within
// an hour are refused and reported to the court's administrators.
import { hasPermission } from '../auth/permissions.js';
import type { EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../common/actor.js';
import { DomainError, ForbiddenError } from '../common/errors.js';
import { caseNotFound, seesWholeCourt } from '../cases/case-access.js';
import type { Case } from '../cases/case.entity.js';
import { lockRecordForTransaction } from '../common/advisory-locks.js';

export const REVEAL_LIMIT_PER_HOUR = 50;

export class RevealLimitError extends DomainError {
  readonly status = 429;
  constructor() {
    super(
      'PERSONAL_DATA_REVEAL_LIMIT',
      `一小时内查看完整个人信息已超过 ${REVEAL_LIMIT_PER_HOUR} 次，已暂停查看并告知系统管理员；如确因工作需要，请联系系统管理员`,
      { limitPerHour: REVEAL_LIMIT_PER_HOUR },
    );
  }
}

export class IdentitySearchForbiddenError extends ForbiddenError {
  constructor() {
    super(
      'PERSONAL_DATA_SEARCH_FORBIDDEN',
      '按完整的身份证号或统一社会信用代码查询属于查看个人信息，您的角色无权进行；请按当事人名称或案号查询',
    );
  }
}

/**
 * Whether the actor may search the worklist by a full identity number or credit code: such a search answers
 * whether a person is a party, so it is a personal-data read, open to whoever may reveal the parties of every
 * case the search covers: the court's clerks and coordinators, and a mediator whose list is only their own cases.
 */
export function maySearchByIdentityNumber(actor: Actor): boolean {
  if (hasPermission(actor, 'personalData.revealAnyCase')) return true;
  return hasRole(actor, 'MEDIATOR') && !seesWholeCourt(actor);
}

const notOwnCase = () => new ForbiddenError('PERSONAL_DATA_NOT_YOURS', '完整的身份证号和电话只向本案的经办人员显示');

/** Whether a letter on the case exists (from this sender, when given). */
async function hasLetter(m: EntityManager, c: Case, senderUserId?: string): Promise<boolean> {
  const [{ found }] = await m.query(
    `SELECT EXISTS (SELECT 1 FROM consultation_letters
                    WHERE case_id = $1 AND court_id = $2 AND ($3::uuid IS NULL OR sender_user_id = $3)) AS found`,
    [c.id, c.courtId, senderUserId ?? null],
  );
  return found === true;
}

export async function mayRevealPersonalData(m: EntityManager, actor: Actor, c: Case): Promise<boolean> {
  if (c.courtId !== actor.courtId) return false;
  if (hasPermission(actor, 'personalData.revealAnyCase')) return true;
  if (hasRole(actor, 'MEDIATOR') && c.mediatorUserId === actor.userId) return true;
  if (hasRole(actor, 'JUDGE') && (await hasLetter(m, c, actor.userId))) return true;
  return hasRole(actor, 'ENFORCEMENT') && (await hasLetter(m, c));
}

/** Refuses a reveal to someone not of the case: 403 to who may see the case, 404 to who may not even that. */
export async function assertMayReveal(m: EntityManager, actor: Actor, c: Case): Promise<void> {
  if (await mayRevealPersonalData(m, actor, c)) return;
  const seesCase = seesWholeCourt(actor) || c.mediatorUserId === actor.userId;
  throw seesCase ? notOwnCase() : caseNotFound();
}

/**
 * The actor's reveals within the last hour, under the actor's lock for the rest of the transaction. Real
 * time, as the history's `occurred_at` is.
 */
export async function revealsWithinHour(m: EntityManager, actor: Actor): Promise<number> {
  // One person's reveals in turn, so that two at the 50th cannot both pass.
  await lockRecordForTransaction(m, 'personalDataReveal', actor.userId);
  const [{ n }] = await m.query(
    `SELECT count(*)::int AS n FROM audit_events
     WHERE action = 'PERSONAL_DATA_VIEWED' AND actor_id = $1 AND occurred_at > now() - interval '1 hour'`,
    [actor.userId],
  );
  return n as number;
}
