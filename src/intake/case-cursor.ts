// The list's opaque page cursor: the (created_at, id) of the last case shown.
// created_at travels as PostgreSQL's own text with microseconds, so no precision
// is lost between pages (a JS Date would drop the microseconds and skip rows).
import { isUuid } from '../common/court-scope.js';
import { ValidationFailedError } from '../common/errors.js';

interface CaseCursor {
  createdAt: string;
  id: string;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(cursor: CaseCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): CaseCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || !TIMESTAMP.test(createdAt) || !isUuid(id)) throw invalidCursor();
  return { createdAt, id };
}

function invalidCursor(): ValidationFailedError {
  return ValidationFailedError.field('cursor', 'CURSOR_INVALID', 'cursor：翻页标记无效，请从第一页重新查询');
}
