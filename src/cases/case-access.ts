// Which cases an actor may see and change: court scoping for everyone, "only my cases" for mediators, and
// "only my institution's batches" for a bank's account, enforced in the query itself.
import { hasPermission } from '../auth/permissions.js';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { hasRole, type Actor } from '../common/actor.js';
import { isUuid } from '../common/court-scope.js';
import { NotFoundError, StaleVersionError } from '../common/errors.js';
import { Case } from './case.entity.js';

export const caseNotFound = () => new NotFoundError('CASE_NOT_FOUND', '案件不存在，或您无权查看该案件');

export function seesWholeCourt(actor: Actor): boolean {
  return hasPermission(actor, 'cases.seeWholeCourt');
}

/** A bank's account: its institution's batches only (a BANK user holds no other role). */
export function isBankAccount(actor: Actor): boolean {
  return hasRole(actor, 'BANK') && !seesWholeCourt(actor);
}

/** The condition on a batch (`batchAlias`) that it is the bank account's own: it carries the user's institution. */
export function ownBankBatch(batchAlias: string, userId: string): string {
  return `${batchAlias}.bank_institution = (SELECT u.bank_institution FROM users u WHERE u.id = ${userId})`;
}

/** The condition on a case (`alias`) that it belongs to one of the bank account's batches. */
function inOwnBankBatch(alias: string, userId: string): string {
  return `${alias}.batch_id IN (SELECT b.id FROM case_batches b WHERE b.court_id = ${alias}.court_id
    AND ${ownBankBatch('b', userId)})`;
}

/** Restricts a cases query (alias `alias`) to what the actor may see. */
export function scopeCases<T extends object>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  actor: Actor,
): SelectQueryBuilder<T> {
  qb.andWhere(`${alias}.court_id = :scopeCourtId`, { scopeCourtId: actor.courtId });
  if (actor.party) {
    qb.andWhere(`${alias}.id = :scopePartyCaseId`, { scopePartyCaseId: actor.party.caseId });
  } else if (isBankAccount(actor)) {
    qb.andWhere(inOwnBankBatch(alias, ':scopeBankUserId'), { scopeBankUserId: actor.userId });
  } else if (!seesWholeCourt(actor)) {
    qb.andWhere(`${alias}.mediator_user_id = :scopeMediatorUserId`, { scopeMediatorUserId: actor.userId });
  }
  return qb;
}

/**
 * The same restriction as `scopeCases`, for a statement written as SQL (the worklist):
 * the condition on `alias`, with `bind` adding each value and returning its placeholder.
 */
export function scopeCasesSql(alias: string, actor: Actor, bind: (value: unknown) => string): string {
  const court = `${alias}.court_id = ${bind(actor.courtId)}`;
  if (seesWholeCourt(actor)) return court;
  if (isBankAccount(actor)) return `${court} AND ${inOwnBankBatch(alias, bind(actor.userId))}`;
  return `${court} AND ${alias}.mediator_user_id = ${bind(actor.userId)}`;
}

/**
 * Loads a case the actor may see, or 404 (missing and not-yours look the same).
 * With `lock`, the row is locked for the rest of the transaction.
 */
export async function loadCase(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Case> {
  if (!isUuid(id)) throw caseNotFound();
  const qb = scopeCases(manager.createQueryBuilder(Case, 'c'), 'c', actor).andWhere('c.id = :id', { id });
  if (lock) qb.setLock('pessimistic_write');
  const found = await qb.getOne();
  if (!found) throw caseNotFound();
  return found;
}

/** Optimistic check: when the client says which version it saw, it must still be current. */
export function expectVersion(c: Case, expected: number | undefined): void {
  if (expected !== undefined && expected !== c.version) throw new StaleVersionError(expected, c.version);
}
