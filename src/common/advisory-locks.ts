// Every PostgreSQL advisory lock key the platform takes, in one place, so that two features never share a key by
// accident and the lock order is readable. Keys are in the 7_480_xxx range (the platform's own); a lock on one
// record of a kind (a court's month, a person) takes the kind's key and a hash of the record as the second key.
import type { EntityManager, QueryRunner } from 'typeorm';

export const ADVISORY_LOCKS = {
  /** Session lock: one instance at a time applies the migrations at start-up. */
  migrations: 7_480_001,
  /** Per person (hashtext of the user id): their personal-data reveals, against the hourly limit. */
  personalDataReveal: 7_480_016,
  /**
   * The holiday calendar: shared by a transaction that computes a case's date, exclusive while a year is entered
   * (which then recomputes the provisional dates). Taken before any case row (CaseOps does it for the steps whose
   * table row says `usesCalendar`).
   */
  calendar: 7_480_101,
  /** Jobs: one instance at a time runs each scan. */
  consultationEscalation: 7_480_301,
  deadlineScan: 7_480_500,
  reminderScan: 7_480_532,
  feeOverdueScan: 7_480_700,
  partyReminders: 7_480_701,
  sessionPurge: 7_480_710,
  idempotencyPurge: 7_480_711,
  /** Per court and month (hashtext of `court:month`): closing or reopening the month. */
  monthClose: 7_480_600,
  /** Per court (hashtext of the court id): its subsidy rates. */
  subsidyRates: 7_480_601,
  /** Per roster mediator (hashtext of the id): their scheduled sessions, so that two overlapping cannot both pass. */
  mediatorSchedule: 7_480_800,
  /**
   * Session lock per batch and bulk step (hashtext of `batchId:step`): one run of a step over a batch at a time,
   * held for the whole run on a connection of its own, so that it goes when the run ends or its instance dies.
   */
  bulkStep: 7_480_900,
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;

/** Takes a lock for the rest of the transaction (shared: with other shared holders; waits for an exclusive one). */
export async function lockForTransaction(m: EntityManager, lock: AdvisoryLock, mode: 'exclusive' | 'shared') {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await m.query(`SELECT ${fn}($1)`, [ADVISORY_LOCKS[lock]]);
}

/** Takes a job's lock for the rest of the transaction if no other instance holds it; false when one does. */
export async function tryLockForTransaction(m: EntityManager, lock: AdvisoryLock): Promise<boolean> {
  const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [ADVISORY_LOCKS[lock]]);
  return locked as boolean;
}

/** Takes the lock of one record of a kind (a court's month, a person) for the rest of the transaction. */
export async function lockRecordForTransaction(m: EntityManager, lock: AdvisoryLock, record: string) {
  await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCKS[lock], record]);
}

/**
 * Takes the lock of one record for the session of `runner` (a connection the caller holds for the work) if no
 * other session holds it; false when one does. Release it with `unlockRecordForSession` on the same runner.
 */
export async function tryLockRecordForSession(runner: QueryRunner, lock: AdvisoryLock, record: string) {
  const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
    ADVISORY_LOCKS[lock],
    record,
  ]);
  return locked as boolean;
}

export async function unlockRecordForSession(runner: QueryRunner, lock: AdvisoryLock, record: string) {
  await runner.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ADVISORY_LOCKS[lock], record]);
}

/**
 * SQL: whether some session holds the session lock of the record `recordSql` (an SQL text expression) in this
 * database; `keyParam` is the parameter holding the lock's key (`ADVISORY_LOCKS[lock]`). A two-key advisory lock
 * shows in pg_locks as classid = key, objid = the record's hash, objsubid = 2.
 */
export function recordLockHeldSql(keyParam: string, recordSql: string): string {
  return `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    AND l.classid = ${keyParam}::int4::oid AND l.objid = hashtext(${recordSql})::oid)`;
}
