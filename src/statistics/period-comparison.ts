// 同比 and 环比: a period's figures beside those of the same period a year before (yearOnYear) and of the period
// just before (previousPeriod). Pure: the service finds the other period's figures (a closed month's latest
// version, an open month's live figures, a quarter or a year summed from its closed months). Where the two
// periods were counted under different procedures (the court's switch from the old 诉前调解 to 先行调解 and
// 非诉调解, legacyUntil), the comparison says so in words: the counts mean different things on each side.
import { PROCEDURE_LABELS, PROCEDURES, type Procedure } from '../cases/procedure.js';
import { indicatorNumber, INDICATORS, type IndicatorKey, type Indicators } from './indicators.js';
import { periodName, reportingPeriod } from './reporting-period.js';

/** The figures compared: every indicator of the report. */
const COMPARED_INDICATORS: readonly IndicatorKey[] = INDICATORS.map((d) => d.key);

interface ComparedFigure {
  key: IndicatorKey;
  label: string;
  current: number | null;
  other: number | null;
  /** current − other, when both are known. */
  change: number | null;
  /** (current − other) ÷ other for counts and money (增幅); null for rates and means, or when other is 0 or unknown. */
  changeRate: number | null;
}

export interface PeriodComparison {
  /** 同比 or 环比. */
  kind: 'yearOnYear' | 'previousPeriod';
  label: string;
  /** The period compared with (`2025-10`, `2025-Q3`, `2025`). */
  period: string;
  /** Whether the other period's figures are there (a quarter or year needs every ended month closed). */
  available: boolean;
  /** Why not, in words, when they are not. */
  unavailableReason: string | null;
  /** The procedures in force at the court in each period (a period across the switch has both). */
  procedures: { current: Procedure[]; other: Procedure[] };
  sameBasis: boolean;
  /** In words, when the two periods were counted under different procedures; else null. */
  basisNote: string | null;
  figures: ComparedFigure[];
  /** Where the other period's figures come from: its closed months' official figures, or computed live. */
  source: ComparedSource;
}

/**
 * The other side of a comparison: CLOSED when every compared month is closed (结账) and its official figures,
 * the latest version as reported upward, are read; LIVE when a month still open is computed from the data as it
 * stands; NONE when there is nothing to compare with.
 */
export interface ComparedSource {
  kind: 'CLOSED' | 'LIVE' | 'NONE';
  /** The closed months read and the version of each (empty for LIVE and NONE). */
  versions: { month: string; version: number }[];
  /** In words (上月为已结账数据…); null for NONE. */
  note: string | null;
}

/** How the other period is called: 上月 / 去年同月, 上季度 / 去年同季度, 上年. */
export function otherPeriodWord(kind: 'yearOnYear' | 'previousPeriod', otherLabel: string): string {
  switch (reportingPeriod(otherLabel)?.kind) {
    case 'month':
      return kind === 'yearOnYear' ? '去年同月' : '上月';
    case 'quarter':
      return kind === 'yearOnYear' ? '去年同季度' : '上季度';
    default:
      return '上年';
  }
}

/** The words on where the other period's figures come from. */
export function sourceNote(
  word: string,
  otherLabel: string,
  source: Pick<ComparedSource, 'kind' | 'versions'>,
): string | null {
  const period = reportingPeriod(otherLabel);
  const name = period ? periodName(period) : otherLabel;
  if (source.kind === 'NONE') return null;
  if (source.kind === 'LIVE') return `${word}（${name}）尚未结账，为实时计算数据，会随补录的数据变动`;
  const versions =
    source.versions.length === 1
      ? `第${source.versions[0].version}版`
      : source.versions.map((v) => `${v.month} 第${v.version}版`).join('、');
  return `${word}（${name}）为已结账数据（${versions}，即关账报送的数据），不随关账后补录的数据变动`;
}

const NEW_PROCEDURES: readonly Procedure[] = ['POST_FILING', 'VOLUNTARY'];

/**
 * The procedures a court registers cases under during the months (YYYY-MM): the old 诉前调解 before its
 * switch date (legacyUntil, a China date), 先行调解 and 非诉调解 from it. A month holding the switch has all three.
 */
export function proceduresInForce(legacyUntil: string, months: readonly string[]): Procedure[] {
  const switchMonth = legacyUntil.slice(0, 7);
  const found = new Set<Procedure>();
  for (const month of months) {
    if (month < switchMonth || (month === switchMonth && legacyUntil.slice(8, 10) !== '01'))
      found.add('LEGACY_PRE_FILING');
    if (month >= switchMonth) NEW_PROCEDURES.forEach((p) => found.add(p));
  }
  return PROCEDURES.filter((p) => found.has(p));
}

const namesOf = (procedures: readonly Procedure[]) =>
  procedures.length === 0 ? '无' : procedures.map((p) => PROCEDURE_LABELS[p]).join('、');

const sameSet = (a: readonly Procedure[], b: readonly Procedure[]) =>
  a.length === b.length && a.every((p) => b.includes(p));

/** The words saying two periods were counted under different procedures; null when they were not. */
function basisNoteOf(
  label: string,
  kindLabel: string,
  current: { name: string; procedures: readonly Procedure[] },
  other: { name: string; procedures: readonly Procedure[] },
): string | null {
  if (sameSet(current.procedures, other.procedures)) return null;
  return (
    `口径不同：本期（${current.name}）按${namesOf(current.procedures)}统计，` +
    `${kindLabel}期（${other.name}）按${namesOf(other.procedures)}统计；` +
    `2025年起诉前调解改为先行调解、非诉调解，受理、结案、转立案等数的含义不同，${label}仅供参考`
  );
}

const additive = new Set(INDICATORS.filter((d) => d.kind === 'count' || d.kind === 'money').map((d) => d.key));

/** Each indicator of `current` beside `other` (null when the other period's figures are not there). */
export function compareFigures(current: Indicators, other: Indicators | null): ComparedFigure[] {
  return COMPARED_INDICATORS.map((key) => {
    const now = indicatorNumber(current, key);
    const then = other ? indicatorNumber(other, key) : null;
    const change = now !== null && then !== null ? now - then : null;
    const changeRate = change !== null && additive.has(key) && then !== 0 ? change / then! : null;
    return { key, label: INDICATORS.find((d) => d.key === key)!.label, current: now, other: then, change, changeRate };
  });
}

interface ComparisonInput {
  kind: 'yearOnYear' | 'previousPeriod';
  legacyUntil: string;
  current: { name: string; months: readonly string[]; figures: Indicators };
  other: {
    label: string;
    name: string;
    months: readonly string[];
    figures: Indicators | null;
    unavailableReason?: string;
    /** Closed months' official figures or live; NONE when `figures` is null whatever is said here. */
    source?: Pick<ComparedSource, 'kind' | 'versions'>;
  };
}

export function comparePeriods(input: ComparisonInput): PeriodComparison {
  const label = input.kind === 'yearOnYear' ? '同比' : '环比';
  const currentProcedures = proceduresInForce(input.legacyUntil, input.current.months);
  const otherProcedures = proceduresInForce(input.legacyUntil, input.other.months);
  const basisNote = basisNoteOf(
    label,
    input.kind === 'yearOnYear' ? '去年同' : '上',
    { name: input.current.name, procedures: currentProcedures },
    { name: input.other.name, procedures: otherProcedures },
  );
  return {
    kind: input.kind,
    label,
    period: input.other.label,
    available: input.other.figures !== null,
    unavailableReason: input.other.figures === null ? (input.other.unavailableReason ?? '无数据') : null,
    procedures: { current: currentProcedures, other: otherProcedures },
    sameBasis: basisNote === null,
    basisNote,
    figures: compareFigures(input.current.figures, input.other.figures),
    source: sourceOf(input),
  };
}

function sourceOf(input: ComparisonInput): ComparedSource {
  const given = input.other.figures === null ? undefined : input.other.source;
  const kind = given?.kind ?? 'NONE';
  const versions = kind === 'CLOSED' ? (given?.versions ?? []) : [];
  return {
    kind,
    versions,
    note: sourceNote(otherPeriodWord(input.kind, input.other.label), input.other.label, { kind, versions }),
  };
}

/** The same period a year before: `2025-10` for `2026-10`, `2025-Q3` for `2026-Q3`, `2025` for `2026`. */
export function yearBefore(label: string): string {
  return `${Number(label.slice(0, 4)) - 1}${label.slice(4)}`;
}
