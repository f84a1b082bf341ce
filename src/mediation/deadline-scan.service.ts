import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { addDays, chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { recordCaseEvent } from '../intake/case-history.js';
import { transition } from '../intake/case-state-machine.js';
import { OPEN_MEDIATION_STATUSES } from '../intake/case-status.js';
import { Case } from '../intake/case.entity.js';
import { CaseWarning } from './case-warning.entity.js';
import { MediationConfig } from './mediation-config.js';

/** Advisory lock key of this job: one instance scans at a time. */
const DEADLINE_SCAN_LOCK = 7_480_500;
const BATCH_SIZE = 100;

// Written out (not bound) so the planner matches the predicate of the partial
// index ix_cases_open_deadline: the scan costs what the due cases cost.
const OPEN_STATUSES_SQL = OPEN_MEDIATION_STATUSES.map((s) => `'${s}'`).join(', ');

/** Open cases whose last day is before `$1` (today), oldest deadline first, skipping rows others hold. */
export const DUE_FOR_EXPIRY_SQL = `
  SELECT id FROM cases
  WHERE status IN (${OPEN_STATUSES_SQL}) AND mediation_deadline < $1::date
  ORDER BY mediation_deadline, id
  LIMIT $2
  FOR UPDATE SKIP LOCKED`;

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
  ) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'mediation-deadline-scan' })
  async scheduledScan(): Promise<void> {
    try {
      const result = await this.runDeadlineScan();
      if (result.expired > 0 || result.warned > 0) this.logger.log(result, 'deadline scan');
    } catch (error) {
      this.logger.error({ err: error }, 'deadline scan failed');
    }
  }

  /**
   * One scan, in batches of short transactions each under the job's advisory
   * lock; rows are locked with SKIP LOCKED, so a case is never expired twice.
   */
  async runDeadlineScan(now: Date = this.clock.now()): Promise<DeadlineScanResult> {
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

  /** Runs `work` in a transaction holding the job's lock, or returns null when another instance holds it. */
  private underJobLock<T>(work: (m: EntityManager) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [DEADLINE_SCAN_LOCK]);
      return locked ? work(m) : null;
    });
  }

  private async expireBatch(m: EntityManager, today: string, now: Date): Promise<number> {
    const due: { id: string }[] = await m.query(DUE_FOR_EXPIRY_SQL, [today, BATCH_SIZE]);
    if (due.length === 0) return 0;
    const cases = await m.find(Case, { where: { id: In(due.map((row) => row.id)) } });
    for (const c of cases) {
      const before = c.status;
      c.status = transition(c.status, 'expire');
      c.outcome = 'EXPIRED';
      c.concludedAt = now;
      await m.save(c);
      await recordCaseEvent(this.audit, m, null, c, 'CASE_EXPIRED', before, {
        mediationDeadline: c.mediationDeadline,
        expiredOn: today,
      });
      // The clerk's list of expired cases waiting for transfer to filing.
      await m
        .createQueryBuilder()
        .insert()
        .into(CaseWarning)
        .values({
          caseId: c.id,
          courtId: c.courtId,
          kind: 'DEADLINE_PASSED',
          deadline: c.mediationDeadline!,
          createdAt: now,
        })
        .orIgnore()
        .execute();
    }
    return cases.length;
  }

  private async raiseApproachingWarnings(m: EntityManager, today: string, now: Date): Promise<number> {
    const until = addDays(today, this.config.warningDaysBefore);
    const raised: unknown[] = await m.query(RAISE_APPROACHING_WARNINGS_SQL, [today, until, now]);
    return raised.length;
  }
}
