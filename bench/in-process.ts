// Measurements made inside this process against the big database: the monthly
// statistics SQL (until the statistics module serves it over HTTP) and the
// deadline scan job, each with a trivial round trip as its baseline.
import pg from 'pg';
import { createApp } from '../src/app.factory.js';
import { addDays, chinaDate, chinaMonthRange } from '../src/common/china-time.js';
import { ManualClock } from '../src/common/clock.js';
import { DUE_FOR_EXPIRY_SQL } from '../src/cases/case-expiry.js';
import { DeadlineScanService, RAISE_APPROACHING_WARNINGS_SQL } from '../src/mediation/deadline-scan.service.js';
import { MediationConfig } from '../src/mediation/mediation-config.js';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { planIndexes } from './explain.js';
import { quantile } from './report.js';

/** Median and worst of `runs` timed calls, in ms. */
export async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { median: quantile(times, 0.5), max: Math.max(...times) };
}

async function explainIndexes(client: pg.Client, sql: string, params: unknown[]): Promise<string[]> {
  const result = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  return planIndexes(result.rows[0]['QUERY PLAN']);
}

/**
 * 月分析 for one court-month, the way the indicators are defined in the domain:
 * referrals, concluded and settled with the mean duration, transfers, judicial
 * confirmations and voluntary performance of the month's settlements, overdue
 * open cases at month end, and consultation replies. Until the statistics module
 * lands this stands in for its query.
 */
export const MONTHLY_TOTALS_SQL = `
  SELECT
    (SELECT count(*) FROM cases WHERE court_id = $1 AND referred_at >= $2 AND referred_at < $3) AS referrals,
    c.concluded, c.settled, c.mean_days,
    (SELECT count(*) FROM cases WHERE court_id = $1 AND transferred_at >= $2 AND transferred_at < $3) AS transferred,
    (SELECT count(*) FROM cases k JOIN judicial_confirmations j ON j.case_id = k.id AND j.decision = 'CONFIRMED'
      WHERE k.court_id = $1 AND k.concluded_at >= $2 AND k.concluded_at < $3 AND k.outcome = 'SETTLED') AS confirmed,
    (SELECT count(*) FILTER (WHERE o.performance_status = 'PERFORMED_IN_FULL') || '/' || count(*)
      FROM cases k JOIN mediation_outcomes o ON o.case_id = k.id
      WHERE k.court_id = $1 AND k.concluded_at >= $2 AND k.concluded_at < $3 AND k.outcome = 'SETTLED'
        AND o.settlement_method = 'VOLUNTARY_PERFORMANCE' AND o.performance_status IS NOT NULL) AS performed,
    (SELECT count(*) FROM cases WHERE status IN ('REFERRED', 'ASSIGNED', 'IN_MEDIATION')
      AND mediation_deadline < $4::date AND court_id = $1) AS overdue,
    (SELECT round(avg(working_days_to_reply), 2) || '/' || count(*) FILTER (WHERE replied_on > due_on)
      FROM consultation_letters WHERE court_id = $1 AND replied_at >= $2 AND replied_at < $3) AS replies
  FROM (SELECT count(*) AS concluded, count(*) FILTER (WHERE outcome = 'SETTLED') AS settled,
          round(avg(concluded_at::date - consented_on), 1) AS mean_days
        FROM cases WHERE court_id = $1 AND concluded_at >= $2 AND concluded_at < $3) c`;

/** The same month by mediator, every roster entry listed (零报告: zeros where nothing happened). */
export const MONTHLY_BY_MEDIATOR_SQL = `
  SELECT m.id, m.name, coalesce(x.concluded, 0) AS concluded, coalesce(x.settled, 0) AS settled
  FROM mediators m
  LEFT JOIN (
    SELECT mediator_id, count(*) AS concluded, count(*) FILTER (WHERE outcome = 'SETTLED') AS settled
    FROM cases WHERE court_id = $1 AND concluded_at >= $2 AND concluded_at < $3 GROUP BY mediator_id
  ) x ON x.mediator_id = m.id
  WHERE m.court_id = $1
  ORDER BY m.name, m.id`;

export interface StatisticsSqlResult {
  month: string;
  median: number;
  max: number;
  baseline: number;
  indexes: string[];
  totals: Record<string, unknown>;
}

/** The month before the as-of date's month (the one a statistician reports on). */
export function reportMonth(asOf: string): string {
  const [year, month] = asOf.split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export async function measureStatisticsSql(databaseUrl: string, courtId: string, asOf: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const month = reportMonth(asOf);
    const { start, end } = chinaMonthRange(month);
    const monthEnd = chinaDate(end);
    const params = [courtId, start, end, monthEnd];
    const run = async () => {
      await client.query(MONTHLY_TOTALS_SQL, params);
      await client.query(MONTHLY_BY_MEDIATOR_SQL, params.slice(0, 3));
    };
    await run(); // warm the cache as a month's second viewer would find it
    const timed = await timeRuns(5, run);
    const baseline = await timeRuns(20, () => client.query('SELECT 1'));
    const totals = (await client.query(MONTHLY_TOTALS_SQL, params)).rows[0] as Record<string, unknown>;
    const indexes = [
      ...new Set([
        ...(await explainIndexes(client, MONTHLY_TOTALS_SQL, params)),
        ...(await explainIndexes(client, MONTHLY_BY_MEDIATOR_SQL, params.slice(0, 3))),
      ]),
    ];
    return { month, median: timed.median, max: timed.max, baseline: baseline.median, indexes, totals };
  } finally {
    await client.end();
  }
}

export interface DeadlineScanMeasure {
  today: string;
  dueBefore: number;
  firstRun: { ms: number; expired: number; warned: number };
  idle: { median: number; max: number };
  baseline: number;
  indexes: { due: string[]; warnings: string[] };
}

/**
 * The deadline scan in a full app context (runScheduledJobs false) with a clock
 * two days after the data's as-of date: the first run expires the cases whose
 * period ended the day before (a day's worth, as the ten-minute job would
 * meet them), the next runs find nothing due.
 */
export async function measureDeadlineScan(
  urls: { ownerUrl: string; appUrl: string },
  jwtSecret: string,
  asOf: string,
): Promise<DeadlineScanMeasure> {
  const today = addDays(asOf, 2);
  const clock = new ManualClock(new Date(`${today}T10:00:00+08:00`));
  const app = await createApp({
    databaseUrl: urls.appUrl,
    jwtSecret,
    jwtTtlSeconds: 3600,
    logLevel: 'warn',
    runScheduledJobs: false,
    clock,
    apiDocsUi: false,
    poolSize: 4,
  });
  const client = new pg.Client({ connectionString: urls.ownerUrl });
  await client.connect();
  try {
    const scan = app.get(DeadlineScanService);
    const dataSource = app.get<DataSource>(getDataSourceToken());
    const warningDays = app.get(MediationConfig).warningDaysBefore;
    const indexes = {
      due: await explainIndexes(client, DUE_FOR_EXPIRY_SQL, [today, 100]),
      warnings: await explainIndexes(client, RAISE_APPROACHING_WARNINGS_SQL, [
        today,
        addDays(today, warningDays),
        clock.now(),
      ]),
    };
    const [{ due }] = (
      await client.query(
        `SELECT count(*)::int AS due FROM cases
         WHERE status IN ('REFERRED', 'ASSIGNED', 'IN_MEDIATION') AND mediation_deadline < $1::date`,
        [today],
      )
    ).rows;
    const start = process.hrtime.bigint();
    const first = await scan.runDeadlineScan();
    const firstMs = Number(process.hrtime.bigint() - start) / 1e6;
    const idle = await timeRuns(20, () => scan.runDeadlineScan());
    // What any scan costs at least: its two short transactions under the advisory lock.
    const baseline = await timeRuns(20, async () => {
      for (let i = 0; i < 2; i++) {
        await dataSource.transaction((m) => m.query('SELECT pg_try_advisory_xact_lock($1)', [1]));
      }
    });
    return {
      today,
      dueBefore: due,
      firstRun: { ms: firstMs, expired: first.expired, warned: first.warned },
      idle,
      baseline: baseline.median,
      indexes,
    };
  } finally {
    await client.end();
    await app.close();
  }
}
