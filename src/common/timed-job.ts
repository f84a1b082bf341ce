// The skeleton every timed job shares: it runs on every instance, does its work once (under its advisory lock),
// and a failed run is logged and left to the next one.
import type { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { tryLockForTransaction, type AdvisoryLock } from './advisory-locks.js';

/** Runs `work` in one transaction holding the job's lock; null when another instance holds it (and runs it). */
export function underJobLock<T>(
  dataSource: DataSource,
  lock: AdvisoryLock,
  work: (m: EntityManager) => Promise<T>,
): Promise<T | null> {
  return dataSource.transaction(async (m) => ((await tryLockForTransaction(m, lock)) ? work(m) : null));
}

/**
 * The body of a `@Cron` handler: runs the job, logs its result when `worthSaying` says it did something, and logs a
 * failure instead of throwing it (the next run tries again; notifications and reminders are raised once anyway).
 */
export async function runScheduled<T>(
  logger: Logger,
  label: string,
  run: () => Promise<T>,
  worthSaying: (result: T) => boolean,
): Promise<void> {
  try {
    const result = await run();
    if (worthSaying(result)) logger.log(result, label);
  } catch (error) {
    logger.error({ err: error }, `${label} failed`);
  }
}
