// Late entries (补录): an outcome or a performance whose own date lies in a month that was already closed when it
// was entered. Each changes nothing frozen, so a closed month says "N changes since close" and lists them, and
// 录入及时率 (entries of the month entered before its first close ÷ the month's entries) is given per month and per
// mediator. An outcome's date is its conclusion (concludedOn, back-datable); a performance's is the day recorded
// for it (recordedOn, back-datable), its entry the history event.
import type { EntityManager } from 'typeorm';
import { chinaMonthRange } from '../common/china-time.js';
import { ratio, type Ratio } from './indicators.js';

const LATE_ENTRY_KINDS = { OUTCOME: '调解结果', PERFORMANCE: '履行情况' } as const;
type LateEntryKind = keyof typeof LATE_ENTRY_KINDS;

const MONTH_OF = (instant: string) => `to_char(${instant} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`;

/**
 * Every outcome and performance entry of court $1 whose date is in one of the months $2, with when it was
 * entered and the first close of its month (null when not closed).
 */
const ENTRIES_SQL = `
  WITH entries AS (
    SELECT 'OUTCOME' AS kind, k.id AS case_id, ${MONTH_OF('k.concluded_at')} AS month,
           (k.concluded_at AT TIME ZONE 'Asia/Shanghai')::date AS effective_on, o.recorded_at AS entered_at,
           k.mediator_id
      FROM cases k JOIN mediation_outcomes o ON o.case_id = k.id
     WHERE k.court_id = $1 AND k.outcome IS NOT NULL AND ${MONTH_OF('k.concluded_at')} = ANY ($2)
       AND k.concluded_at >= $3 AND k.concluded_at < $4
    UNION ALL
    SELECT 'PERFORMANCE', k.id, to_char(p.recorded_on, 'YYYY-MM'), p.recorded_on, e.occurred_at, k.mediator_id
      FROM audit_events e
      CROSS JOIN LATERAL (SELECT COALESCE((e.after ->> 'recordedOn')::date,
                                          (e.occurred_at AT TIME ZONE 'Asia/Shanghai')::date) AS recorded_on) p
      JOIN cases k ON k.id = e.subject_id::uuid
     WHERE e.court_id = $1 AND e.subject_type = 'CASE' AND e.action = 'SETTLEMENT_PERFORMANCE_RECORDED'
       AND to_char(p.recorded_on, 'YYYY-MM') = ANY ($2)
  )
  SELECT x.kind, x.case_id, x.month, x.effective_on::text AS effective_on, x.entered_at, x.mediator_id,
         m.name AS mediator_name, COALESCE(k.filing_number, k.prelitigation_number) AS case_number,
         (SELECT min(s.closed_at) FROM statistics_snapshots s WHERE s.court_id = $1 AND s.month = x.month) AS first_closed
    FROM entries x
    JOIN cases k ON k.id = x.case_id
    LEFT JOIN mediators m ON m.id = x.mediator_id`;

interface EntryRow {
  kind: LateEntryKind;
  case_id: string;
  month: string;
  effective_on: string;
  entered_at: Date;
  mediator_id: string | null;
  mediator_name: string | null;
  case_number: string | null;
  first_closed: Date | null;
}

export interface LateEntry {
  kind: LateEntryKind;
  kindLabel: string;
  caseId: string;
  caseNumber: string | null;
  mediator: string | null;
  /** The entry's own date (in the closed month). */
  effectiveOn: string;
  enteredAt: string;
  monthClosedAt: string;
}

export interface EntryTimeliness {
  /** 录入及时率: entered before the month's first close ÷ all entries of the month (every entry of an open month is on time). */
  rate: Ratio;
  byMediator: { mediatorId: string | null; mediator: string; rate: Ratio }[];
}

const isLate = (row: Pick<EntryRow, 'entered_at' | 'first_closed'>) =>
  row.first_closed !== null && new Date(row.entered_at).getTime() > new Date(row.first_closed).getTime();

export function lateEntriesOf(rows: readonly EntryRow[]): LateEntry[] {
  return rows
    .filter(isLate)
    .map((r) => ({
      kind: r.kind,
      kindLabel: LATE_ENTRY_KINDS[r.kind],
      caseId: r.case_id,
      caseNumber: r.case_number,
      mediator: r.mediator_name,
      effectiveOn: r.effective_on,
      enteredAt: new Date(r.entered_at).toISOString(),
      monthClosedAt: new Date(r.first_closed!).toISOString(),
    }))
    .sort((a, b) => a.enteredAt.localeCompare(b.enteredAt) || a.caseId.localeCompare(b.caseId));
}

export function timelinessOf(rows: readonly EntryRow[]): EntryTimeliness {
  const onTime = (rs: readonly EntryRow[]) => ratio(rs.filter((r) => !isLate(r)).length, rs.length);
  const byMediator = new Map<string | null, EntryRow[]>();
  for (const row of rows) byMediator.set(row.mediator_id, [...(byMediator.get(row.mediator_id) ?? []), row]);
  return {
    rate: onTime(rows),
    byMediator: [...byMediator.entries()]
      .map(([mediatorId, rs]) => ({ mediatorId, mediator: rs[0].mediator_name ?? '未分派', rate: onTime(rs) }))
      .sort((a, b) => a.mediator.localeCompare(b.mediator, 'zh-Hans-CN')),
  };
}

/**
 * The entries of the months; `$3`-`$4` (from the first month's start to the last one's end) lets the outcomes be
 * read through ix_cases_court_concluded, and the performances come through ix_audit_events_performance_recorded.
 */
export async function entriesOf(m: EntityManager, courtId: string, months: readonly string[]): Promise<EntryRow[]> {
  const sorted = [...months].sort();
  if (sorted.length === 0) return [];
  const from = chinaMonthRange(sorted[0]).start;
  const until = chinaMonthRange(sorted[sorted.length - 1]).end;
  return m.query(ENTRIES_SQL, [courtId, months, from, until]);
}
