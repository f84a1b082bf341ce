// Pure parts of request idempotency: the key's format and the request fingerprint.
import { createHash } from 'node:crypto';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** 1 to 128 printable ASCII characters (what a client's UUID or "batch-42/row-7" looks like). */
const KEY_FORMAT = /^[\x20-\x7e]{1,128}$/;

export function isValidIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_FORMAT.test(value) && value.trim() === value;
}

/** JSON with object keys sorted, so that the same body written in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same": method, path and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}
