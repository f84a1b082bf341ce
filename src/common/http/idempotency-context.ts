// The request's Idempotency-Key, for the work it guards: the work completes the key in its own transaction
// (issue 28), so a crash between the work's commit and the interceptor's completion cannot let a retry do
// the work a second time. Set by the interceptor around the handler; absent without the header.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { IdempotencyScope } from './idempotency.store.js';

interface IdempotentRequest {
  scope: IdempotencyScope;
  statusCode: number;
  /** The Clock's now (the only source of "now"). */
  now: () => Date;
}

const current = new AsyncLocalStorage<IdempotentRequest>();

export function runIdempotent<T>(request: IdempotentRequest, work: () => T): T {
  return current.run(request, work);
}

/** Whether the running request carries an Idempotency-Key (so its work should complete it in its transaction). */
export function underIdempotencyKey(): boolean {
  return current.getStore() !== undefined;
}

/**
 * Stores the response on the request's claimed key inside the work's transaction `m`: it commits, or rolls
 * back, with the work. Stored as the client sees it (dates as strings). Without a key, nothing.
 */
export async function completeIdempotencyKeyIn(m: EntityManager, response: unknown): Promise<void> {
  const request = current.getStore();
  if (!request) return;
  const { scope, statusCode } = request;
  await m.query(
    `UPDATE idempotency_keys SET status_code = $5, response = $6::jsonb, completed_at = $7
     WHERE court_id = $1 AND user_id = $2 AND key = $3 AND request_hash = $4`,
    [
      scope.courtId,
      scope.userId,
      scope.key,
      scope.fingerprint,
      statusCode,
      JSON.stringify(response === undefined ? null : JSON.parse(JSON.stringify(response))),
      request.now(),
    ],
  );
}
