// Follow-up after close (截至今日): a closed month's frozen 司法确认率 and 自动履行率 stay as they were at the close;
// beside them, the same rates for that month's settled cases as the data stands today, since 司法确认 (30 days to
// apply) and performance (due dates weeks later) mostly come after the month. Same definitions as the
// indicators (indicators.ts): of the month's settled cases, those confirmed; of those with performance
// recorded, those performed in full. Not a new version: a correction of the month's own figures still is one.
import type { EntityManager } from 'typeorm';
import { ratio, type Indicators, type Ratio } from './indicators.js';
import type { StatisticsPeriod } from './statistics-period.js';

export interface FollowUp {
  label: '截至今日';
  /** The China date the rates are as of. */
  asOf: string;
  settled: number;
  judicialConfirmed: number;
  judicialConfirmationRate: Ratio;
  performanceRecorded: number;
  performedVoluntarily: number;
  voluntaryPerformanceRate: Ratio;
  /** The rates as frozen at the close, beside them. */
  atClose: { judicialConfirmationRate: Ratio; voluntaryPerformanceRate: Ratio };
}

interface FollowUpCounts {
  settled: number;
  judicialConfirmed: number;
  performanceRecorded: number;
  performedVoluntarily: number;
}

/** The month's settled cases ($1 court, [$2, $3) the month's instants) and what is known of them now. */
const FOLLOW_UP_SQL = `
  SELECT count(*) AS settled,
    count(*) FILTER (WHERE j.decision = 'CONFIRMED') AS judicial_confirmed,
    count(*) FILTER (WHERE o.performance_status IS NOT NULL) AS performance_recorded,
    count(*) FILTER (WHERE o.performance_status = 'PERFORMED_IN_FULL') AS performed_voluntarily
  FROM cases k
  LEFT JOIN LATERAL (SELECT o.performance_status FROM mediation_outcomes o WHERE o.case_id = k.id LIMIT 1) o ON true
  LEFT JOIN LATERAL (SELECT j.decision FROM judicial_confirmations j WHERE j.case_id = k.id LIMIT 1) j ON true
  WHERE k.court_id = $1 AND k.outcome = 'SETTLED' AND k.concluded_at >= $2 AND k.concluded_at < $3`;

export async function followUpCounts(
  m: EntityManager,
  courtId: string,
  period: StatisticsPeriod,
): Promise<FollowUpCounts> {
  const [row] = await m.query(FOLLOW_UP_SQL, [courtId, period.start, period.end]);
  return {
    settled: Number(row.settled),
    judicialConfirmed: Number(row.judicial_confirmed),
    performanceRecorded: Number(row.performance_recorded),
    performedVoluntarily: Number(row.performed_voluntarily),
  };
}

/** The follow-up of a closed month from today's counts and its frozen figures. */
export function followUpOf(counts: FollowUpCounts, frozen: Indicators, asOf: string): FollowUp {
  return {
    label: '截至今日',
    asOf,
    ...counts,
    judicialConfirmationRate: ratio(counts.judicialConfirmed, counts.settled),
    voluntaryPerformanceRate: ratio(counts.performedVoluntarily, counts.performanceRecorded),
    atClose: {
      judicialConfirmationRate: frozen.judicialConfirmationRate,
      voluntaryPerformanceRate: frozen.voluntaryPerformanceRate,
    },
  };
}
