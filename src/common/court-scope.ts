// Court scoping (法院隔离): every read and write of court-owned rows goes through
// these helpers, so a request never touches another court's rows.
import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './actor.js';
import { NotFoundError } from './errors.js';

interface CourtOwned {
  id: string;
  courtId: string;
}

/** A find-options `where` restricted to the actor's court. */
export function inCourt<T extends CourtOwned>(actor: Actor, where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
  return { ...where, courtId: actor.courtId } as FindOptionsWhere<T>;
}

/** Restricts a query builder to the actor's court on `alias`. */
export function scopeToCourt<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  actor: Actor,
): SelectQueryBuilder<T> {
  return qb.andWhere(`${alias}.court_id = :scopeCourtId`, { scopeCourtId: actor.courtId });
}

/**
 * A court named in a request (`?courtId=`): only the actor's own is there; any other court's figures are
 * answered as missing (404), never as forbidden, so that a request tells nothing about other courts.
 */
export function requireOwnCourt(actor: Actor, courtId: string | undefined): void {
  if (courtId !== undefined && courtId !== actor.courtId) {
    throw new NotFoundError('COURT_NOT_FOUND', '法院不存在');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Loads one row of the actor's court or throws the given 404. A malformed id is
 * answered the same way as a missing one. `lock` takes a row lock for an update.
 */
export async function findInCourtOrFail<T extends CourtOwned>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  actor: Actor,
  id: string,
  notFound: () => NotFoundError,
  lock = false,
): Promise<T> {
  if (!isUuid(id)) throw notFound();
  const row = await manager.findOne(entity, {
    where: inCourt<T>(actor, { id } as FindOptionsWhere<T>),
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!row) throw notFound();
  return row;
}
