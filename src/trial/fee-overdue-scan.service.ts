import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { CASE_TRANSITIONS } from '../cases/case-state-machine.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { runScheduled, underJobLock } from '../common/timed-job.js';

/** The status a fee notice waits in: where 按撤诉处理 starts from. */
const WAITING_FOR_FEE = CASE_TRANSITIONS.deemWithdrawn.from[0];

/**
 * In one statement: marks every open fee notice whose last day has passed (today `$1` > due_on; never a
 * provisional one, see isOverdue) and not yet told, and tells each active clerk of its court with a FEE_OVERDUE
 * notification. The mark makes it once per case; the notifications' unique key keeps two racing runs from
 * telling anyone twice. Reads the open notices through ix_fee_notices_open_due.
 */
const RAISE_FEE_OVERDUE_SQL = `
  WITH due AS (
    UPDATE fee_notices n SET overdue_notified_at = $2
    FROM cases c
    WHERE c.id = n.case_id AND c.status = $3
      AND n.paid_on IS NULL AND n.relief IS NULL AND n.deemed_withdrawn_on IS NULL
      AND n.due_on < $1::date AND NOT n.due_on_provisional AND n.overdue_notified_at IS NULL
    RETURNING n.case_id, n.court_id, n.due_on, n.amount_fen, c.filing_number, c.case_type),
  notified AS (
    INSERT INTO notifications
      (court_id, recipient_user_id, kind, subject_type, subject_id, message, due_on, dedupe_key, created_at)
    SELECT due.court_id, u.id, 'FEE_OVERDUE', 'CASE', due.case_id,
      '案件 ' || coalesce(due.filing_number, due.case_type || '案件') || ' 的案件受理费 '
        || to_char(due.amount_fen / 100.0, 'FM999999999990.00') || ' 元已逾期未交（交费期限 '
        || to_char(due.due_on, 'YYYY-MM-DD') || ' 届满），请核实交费情况，依法按撤诉处理。',
      due.due_on, 'fee-overdue:' || due.case_id, $2
    FROM due JOIN users u ON u.court_id = due.court_id AND u.active AND 'CLERK' = ANY (u.roles)
    ON CONFLICT (recipient_user_id, dedupe_key) DO NOTHING
    RETURNING id)
  SELECT (SELECT count(*) FROM due)::int AS cases, (SELECT count(*) FROM notified)::int AS notifications`;

interface FeeOverdueScanResult {
  /** False when another instance held the job's lock. */
  ran: boolean;
  today: string;
  cases: number;
  notifications: number;
}

/** Overdue fees (逾期未交费): the clerks are told once per case, so that a person rules on it (按撤诉处理). */
@Injectable()
export class FeeOverdueScanService {
  private readonly logger = new Logger(FeeOverdueScanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'fee-overdue-scan' })
  scheduledScan(): Promise<void> {
    return runScheduled(
      this.logger,
      'fee overdue scan',
      () => this.runScan(),
      (r) => r.cases > 0,
    );
  }

  runScan(now: Date = this.clock.now()): Promise<FeeOverdueScanResult> {
    const today = chinaDate(now);
    return this.metrics.timeJob('fee-overdue-scan', async () => {
      const ran = await underJobLock(this.dataSource, 'feeOverdueScan', async (m) => {
        const [counts] = await m.query(RAISE_FEE_OVERDUE_SQL, [today, now, WAITING_FOR_FEE]);
        return { ran: true, today, cases: counts.cases as number, notifications: counts.notifications as number };
      });
      return ran ?? { ran: false, today, cases: 0, notifications: 0 };
    });
  }
}
