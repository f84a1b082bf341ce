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
 * The outcome and performance entries of court $1 whose date is in one of the months $2 ($3-$4 from the first
 * month's start to the last one's end), with when each was entered.
 */
const ENTRIES_CTE = `
  entries AS (
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
  )`;

/** Every entry of the months, with the first close of its month (null when not closed). */
const ENTRIES_SQL = `
  WITH ${ENTRIES_CTE}
  SELECT x.kind, x.case_id, x.month, x.effective_on::text AS effective_on, x.entered_at, x.mediator_id,
         m.name AS mediator_name, COALESCE(k.filing_number, k.prelitigation_number) AS case_number,
         (SELECT min(s.closed_at) FROM statistics_snapshots s WHERE s.court_id = $1 AND s.month = x.month) AS first_closed
    FROM entries x
    JOIN cases k ON k.id = x.case_id
    LEFT JOIN mediators m ON m.id = x.mediator_id`;

/**
 * The same entries counted per mediator: all, and those entered after their month's first close (isLate below, on
 * instants cut to the millisecond as the driver reads them). 录入及时率 needs no more than this; the entries
 * themselves (thousands a month at a large court) are read only to list a closed month's late ones.
 */
const ENTRY_COUNTS_SQL = `
  WITH ${ENTRIES_CTE},
  closes AS (
    SELECT s.month, min(s.closed_at) AS first_closed FROM statistics_snapshots s
     WHERE s.court_id = $1 AND s.month = ANY ($2) GROUP BY s.month
  ),
  counted AS (
    SELECT x.mediator_id, count(*)::int AS entries,
           count(*) FILTER (WHERE date_trunc('milliseconds', x.entered_at) > date_trunc('milliseconds', c.first_closed))::int
             AS late
      FROM entries x LEFT JOIN closes c ON c.month = x.month
     GROUP BY x.mediator_id
  )
  SELECT g.mediator_id, m.name AS mediator_name, g.entries, g.late
    FROM counted g LEFT JOIN mediators m ON m.id = g.mediator_id`;

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

/** A mediator's entries of the months, and how many of them were entered after their month's first close. */
interface EntryCountRow {
  mediator_id: string | null;
  mediator_name: string | null;
  entries: number;
  late: number;
}

export function timelinessOf(rows: readonly EntryCountRow[]): EntryTimeliness {
  const onTime = (entries: number, late: number) => ratio(entries - late, entries);
  const sum = (pick: (r: EntryCountRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    rate: onTime(
      sum((r) => r.entries),
      sum((r) => r.late),
    ),
    byMediator: rows
      .map((r) => ({
        mediatorId: r.mediator_id,
        mediator: r.mediator_name ?? '未分派',
        rate: onTime(r.entries, r.late),
      }))
      .sort(
        (a, b) =>
          a.mediator.localeCompare(b.mediator, 'zh-Hans-CN') || (a.mediatorId ?? '').localeCompare(b.mediatorId ?? ''),
      ),
  };
}

/**
 * The parameters of the entries' statements; `$3`-`$4` (from the first month's start to the last one's end) lets
 * the outcomes be read through ix_cases_court_concluded, and the performances come through
 * ix_audit_events_performance_recorded. Null for no month.
 */
function entryParameters(courtId: string, months: readonly string[]): unknown[] | null {
  const sorted = [...months].sort();
  if (sorted.length === 0) return null;
  const from = chinaMonthRange(sorted[0]).start;
  const until = chinaMonthRange(sorted[sorted.length - 1]).end;
  return [courtId, months, from, until];
}

/** The entries of the months, one row each (to list the late ones). */
export async function entriesOf(m: EntityManager, courtId: string, months: readonly string[]): Promise<EntryRow[]> {
  const parameters = entryParameters(courtId, months);
  return parameters ? m.query(ENTRIES_SQL, parameters) : [];
}

/** The entries of the months counted per mediator (for 录入及时率). */
export async function entryCountsOf(
  m: EntityManager,
  courtId: string,
  months: readonly string[],
): Promise<EntryCountRow[]> {
  const parameters = entryParameters(courtId, months);
  return parameters ? m.query(ENTRY_COUNTS_SQL, parameters) : [];
}
