// Named reads of the idempotency keys (SQL): a function taking a manager, and `IdempotencyQueries` offering it on
// the data source to the store.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A stored key: the request it stands for and, once completed, the answer given. */
export interface KeyRow {
  request_hash: string;
  status_code: number | null;
  response: unknown;
  created_at: Date;
}

/** The user's key in the court, if stored. */
export async function findIdempotencyKey(
  m: EntityManager,
  scope: { courtId: string; userId: string; key: string },
): Promise<KeyRow | undefined> {
  const rows: KeyRow[] = await m.query(
    `SELECT request_hash, status_code, response, created_at FROM idempotency_keys
     WHERE court_id = $1 AND user_id = $2 AND key = $3`,
    [scope.courtId, scope.userId, scope.key],
  );
  return rows[0];
}

@Injectable()
export class IdempotencyQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  key(scope: { courtId: string; userId: string; key: string }): Promise<KeyRow | undefined> {
    return findIdempotencyKey(this.dataSource.manager, scope);
  }
}
