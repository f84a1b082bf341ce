import { sqlList } from '../common/sql-list.js';
import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { addDays, chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { expireDueCases } from '../cases/case-expiry.js';
import { OPEN_MEDIATION_STATUSES } from '../cases/case-status.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { MediationConfig } from './mediation-config.js';
import { runScheduled, underJobLock } from '../common/timed-job.js';

const BATCH_SIZE = 100;

// Written out (not bound) so the planner matches the predicate of the partial index ix_cases_open_deadline.
const OPEN_STATUSES_SQL = sqlList(OPEN_MEDIATION_STATUSES);

/** The clerk's list of expired cases waiting for transfer to filing: one DEADLINE_PASSED warning per case. */
const RAISE_PASSED_WARNINGS_SQL = `
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

interface DeadlineScanResult {
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

  /** A batch in three statements: the cases and their history events (the kernel's), the warnings. */
  private async expireBatch(m: EntityManager, today: string, now: Date): Promise<number> {
    const expired = await expireDueCases(m, this.audit, today, now, BATCH_SIZE);
    if (expired.length === 0) return 0;
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
