// Watches the app's pg pool for the self-deadlock pattern: code running inside a transaction's callback that
// takes a second connection from the pool (e.g. reading through the data source instead of the transaction's
// manager). Under a burst every such transaction holds one connection and waits for another: the pool
// deadlocks itself. The transaction callbacks run in an AsyncLocalStorage context, so the probe sees only
// the transaction's own code path, also while other requests run in parallel.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

export interface PoolProbe {
  /** The stacks (app frames) of each connection taken inside a transaction. */
  violations: string[];
  reset(): void;
}

type Transaction = (...args: unknown[]) => Promise<unknown>;

export function probePool(dataSource: DataSource): PoolProbe {
  const inTransaction = new AsyncLocalStorage<true>();
  const probe: PoolProbe = { violations: [], reset: () => (probe.violations.length = 0) };

  const manager = dataSource.manager as EntityManager & { transaction: Transaction };
  const transaction = manager.transaction.bind(manager) as Transaction;
  manager.transaction = (...args: unknown[]) => {
    // (work) or (isolationLevel, work); DataSource.transaction passes (work, undefined).
    const at = args.findIndex((arg) => typeof arg === 'function');
    const work = args[at] as (m: EntityManager) => Promise<unknown>;
    args[at] = (m: EntityManager) => inTransaction.run(true, () => work(m));
    return transaction(...args);
  };

  const pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    if (inTransaction.getStore()) {
      const frames = (new Error().stack ?? '')
        .split('\n')
        .filter((line) =>
          /\/src\/(?!driver|entity-manager|data-source|query-runner|repository|query-builder)/.test(line),
        );
      probe.violations.push(['a pooled connection taken inside a transaction', ...frames].join('\n'));
    }
    return connect(...args);
  };
  return probe;
}
