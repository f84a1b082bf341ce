import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { addDays, chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { caseEventEntry } from '../cases/case-history.js';
import { CASE_TRANSITIONS } from '../cases/case-state-machine.js';
import { OPEN_MEDIATION_STATUSES, type CaseStatus } from '../cases/case-status.js';
import type { CaseOutcome } from '../cases/case.entity.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { MediationConfig } from './mediation-config.js';
import { runScheduled, underJobLock } from '../common/timed-job.js';

const BATCH_SIZE = 100;

/** Where `expire` (调解期满) leads from each status it starts from: the state machine's table decides. */
// `expire` leads to the same status from each, under every procedure.
const EXPIRY_STEPS = CASE_TRANSITIONS.expire.from.map((from) => ({ from, to: CASE_TRANSITIONS.expire.to ?? from }));
const EXPIRED_OUTCOME: CaseOutcome = 'EXPIRED';

// Written out (not bound) so the planner matches the predicate of the partial
// index ix_cases_open_deadline (the open statuses, which are those `expire`
// starts from): the scan costs what the due cases cost.
const sqlList = (statuses: readonly CaseStatus[]) => statuses.map((s) => `'${s}'`).join(', ');
const OPEN_STATUSES_SQL = sqlList(OPEN_MEDIATION_STATUSES);
const EXPIRABLE_STATUSES_SQL = sqlList(EXPIRY_STEPS.map((step) => step.from));

/**
 * Cases `expire` applies to whose last day is before `$1` (today), oldest deadline first, skipping held rows.
 * A provisional (暂定) deadline, counted with weekends only while its year's holidays are unknown, never
 * expires a case: the real end can only be later, and expiry cannot be undone. It is recomputed, and expires
 * as usual, once the administrator enters the year (the warnings say the year is missing meanwhile).
 */
export const DUE_FOR_EXPIRY_SQL = `
  SELECT id, status FROM cases
  WHERE status IN (${EXPIRABLE_STATUSES_SQL}) AND mediation_deadline < $1::date
    AND NOT mediation_deadline_provisional
  ORDER BY mediation_deadline, id
  LIMIT $2
  FOR UPDATE SKIP LOCKED`;

/**
 * Expires a batch of due cases in one statement, as a save of each would: the
 * status `expire` leads to from its own (steps `$5` -> `$6`), the outcome `$3`,
 * concluded at `$4`, the version incremented (clerks holding the old one get a
 * stale-version conflict) and updated_at set as TypeORM sets it. Returns the
 * expired cases in the due order, with the status each had before.
 */
export const EXPIRE_DUE_SQL = `
  WITH due AS MATERIALIZED (${DUE_FOR_EXPIRY_SQL}),
  expired AS (
    UPDATE cases c
    SET status = step.to_status, outcome = $3, concluded_at = $4, version = c.version + 1,
      updated_at = CURRENT_TIMESTAMP
    FROM due JOIN unnest($5::text[], $6::text[]) AS step (from_status, to_status) ON step.from_status = due.status
    WHERE c.id = due.id
    RETURNING c.id, c.court_id AS "courtId", c.status, due.status AS "statusBefore",
      c.mediation_deadline AS "mediationDeadline")
  SELECT * FROM expired ORDER BY "mediationDeadline", id`;

/** The clerk's list of expired cases waiting for transfer to filing: one DEADLINE_PASSED warning per case. */
export const RAISE_PASSED_WARNINGS_SQL = `
  INSERT INTO case_warnings (case_id, court_id, kind, deadline, created_at)
  SELECT w.case_id, w.court_id, 'DEADLINE_PASSED', w.deadline, $4
  FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS w (case_id, court_id, deadline)
  ON CONFLICT DO NOTHING`;

/**
 * One warning per open case whose deadline is within [$1, $2]; a warning already raised is kept as it is.
 * NOT EXISTS skips those before the insert, reading the window's warnings through
 * ix_case_warnings_approaching_deadline (the range on w.deadline lets the planner hash them once): left to
 * ON CONFLICT alone, every idle run re-inserted the whole window (14,000 cases at 1M) to meet the conflict,
 * 124 ms against 12 ms (bench/README.md). ON CONFLICT stays for two instances racing on a new warning.
 */
export const RAISE_APPROACHING_WARNINGS_SQL = `
  INSERT INTO case_warnings (case_id, court_id, kind, deadline, created_at)
  SELECT c.id, c.court_id, 'DEADLINE_APPROACHING', c.mediation_deadline, $3
  FROM cases c
  WHERE c.status IN (${OPEN_STATUSES_SQL}) AND c.mediation_deadline BETWEEN $1::date AND $2::date
    AND NOT EXISTS (SELECT 1 FROM case_warnings w
      WHERE w.kind = 'DEADLINE_APPROACHING' AND w.deadline BETWEEN $1::date AND $2::date
        AND w.case_id = c.id AND w.deadline = c.mediation_deadline)
  ON CONFLICT ON CONSTRAINT uq_case_warnings_case_kind_deadline DO NOTHING
  RETURNING id`;

/** A case as EXPIRE_DUE_SQL returns it. */
interface ExpiredCase {
  id: string;
  courtId: string;
  status: CaseStatus;
  statusBefore: CaseStatus;
  mediationDeadline: string;
}

export interface DeadlineScanResult {
  /** False when another instance held the job's lock. */
  ran: boolean;
  today: string;
  expired: number;
  warned: number;
}

/**
 * Deadlines (节点管理): expires open cases past their mediation period (调解期满,
 * ready for transfer to filing) and raises warnings N days before the end.
 */
@Injectable()
export class DeadlineScanService {
  private readonly logger = new Logger(DeadlineScanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: MediationConfig,
    private readonly metrics: MetricsService,
  ) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'mediation-deadline-scan' })
  scheduledScan(): Promise<void> {
    return runScheduled(
      this.logger,
      'deadline scan',
      () => this.runDeadlineScan(),
      (r) => r.expired + r.warned > 0,
    );
  }

  /**
   * One scan, in batches of short transactions each under the job's advisory
   * lock; rows are locked with SKIP LOCKED, so a case is never expired twice.
   */
  async runDeadlineScan(now: Date = this.clock.now()): Promise<DeadlineScanResult> {
    const result = await this.metrics.timeJob('mediation-deadline-scan', () => this.scan(now));
    this.metrics.deadlineScanned(result.expired, result.warned);
    return result;
  }

  private async scan(now: Date): Promise<DeadlineScanResult> {
    const today = chinaDate(now);
    let expired = 0;
    for (;;) {
      const count = await this.underJobLock((m) => this.expireBatch(m, today, now));
      if (count === null) return { ran: false, today, expired, warned: 0 };
      expired += count;
      if (count < BATCH_SIZE) break;
    }
    const warned = await this.underJobLock((m) => this.raiseApproachingWarnings(m, today, now));
    return { ran: warned !== null, today, expired, warned: warned ?? 0 };
  }

  private underJobLock<T>(work: (m: EntityManager) => Promise<T>): Promise<T | null> {
    return underJobLock(this.dataSource, 'deadlineScan', work);
  }

  /** A batch in three statements: the cases, their history events (as recordCaseEvent writes them), the warnings. */
  private async expireBatch(m: EntityManager, today: string, now: Date): Promise<number> {
    const expired: ExpiredCase[] = await m.query(EXPIRE_DUE_SQL, [
      today,
      BATCH_SIZE,
      EXPIRED_OUTCOME,
      now,
      EXPIRY_STEPS.map((step) => step.from),
      EXPIRY_STEPS.map((step) => step.to),
    ]);
    if (expired.length === 0) return 0;
    const events = expired.map((c) =>
      caseEventEntry(c, CASE_TRANSITIONS.expire.event, c.statusBefore, {
        mediationDeadline: c.mediationDeadline,
        expiredOn: today,
      }),
    );
    await this.audit.recordMany(m, null, events);
    await m.query(RAISE_PASSED_WARNINGS_SQL, [
      expired.map((c) => c.id),
      expired.map((c) => c.courtId),
      expired.map((c) => c.mediationDeadline),
      now,
    ]);
    return expired.length;
  }

  private async raiseApproachingWarnings(m: EntityManager, today: string, now: Date): Promise<number> {
    const until = addDays(today, this.config.warningDaysBefore);
    const raised: unknown[] = await m.query(RAISE_APPROACHING_WARNINGS_SQL, [today, until, now]);
    return raised.length;
  }
}
