import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Texts of the statements prepared so far, and their names (a hash of the text: one name, one text). */
const names = new Map<string, string>();

/**
 * A statement PostgreSQL keeps prepared on each connection (pg's named statements): after the first run the
 * connection sends only the values, and the server parses it once and may keep its plan. For the hot reads
 * (bench/README.md). Use it only for a bounded set of texts: each text stays prepared on every connection.
 * Behind PgBouncer in transaction mode this needs its protocol-level prepared statements (1.21+,
 * `max_prepared_statements`). Run through TypeORM's `query`, which hands the config to pg as it is: its
 * connection handling and its errors (QueryFailedError) stay those of every other statement.
 */
export function queryPrepared<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  let name = names.get(text);
  if (name === undefined) {
    name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return dataSource.query({ name, text } as unknown as string, values);
}
