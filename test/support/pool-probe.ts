// Watches the app's pg pool for the self-deadlock pattern: a connection taken from the pool while another
// pooled connection has a transaction open. Meant for requests sent one at a time: then any such second
// connection belongs to the same request (a transaction's code path reading through the data source).
import type pg from 'pg';
import type { DataSource } from 'typeorm';

const BEGIN = /^\s*(START TRANSACTION|BEGIN)\b/i;
const END = /^\s*(COMMIT|ROLLBACK)\b/i;

export interface PoolProbe {
  /** The stacks of each connection taken while a transaction was open. */
  violations: string[];
  reset(): void;
}

export function probePool(dataSource: DataSource): PoolProbe {
  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const open = new Set<pg.PoolClient>();
  const wrapped = new WeakSet<pg.PoolClient>();
  const probe: PoolProbe = { violations: [], reset: () => (probe.violations.length = 0) };

  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === 'string' ? first : (first?.text ?? '');
      if (BEGIN.test(text)) open.add(client);
      else if (END.test(text)) open.delete(client);
      return query(...args);
    };
  });
  pool.on('release', (_error: unknown, client: pg.PoolClient) => open.delete(client));

  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    if (open.size > 0) {
      probe.violations.push(new Error('a pooled connection taken while a transaction is open').stack ?? '');
    }
    return connect(...args);
  };
  return probe;
}
