// Keyset pagination: a cursor is the sort key of the last row of a page,
// opaque to clients (base64url JSON), checked when it comes back.
import { ValidationFailedError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const invalidCursor = () =>
  ValidationFailedError.field('cursor', 'CURSOR_INVALID', 'cursor：分页标记无效，请从第一页重新查询');

/**
 * The sort key inside a cursor, or 400 CURSOR_INVALID. `shape` checks each
 * position (e.g. a date, a uuid) so a forged cursor never reaches SQL unchecked.
 */
export function decodeCursor(cursor: string, shape: readonly ((value: unknown) => boolean)[]): (string | number)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(key) || key.length !== shape.length || !shape.every((ok, i) => ok(key[i]))) {
    throw invalidCursor();
  }
  return key as (string | number)[];
}

/** Splits a query result fetched with `limit + 1` rows into a page and its next cursor. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => (string | number)[],
  view: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(view),
    nextCursor: more ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
