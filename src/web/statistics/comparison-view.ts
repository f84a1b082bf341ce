// The 同比 / 环比 table of the statistics pages, one for the month page (月分析) and the quarter and year page
// (季调度): each indicator of the period beside the same period a year before and the period just before, with
// where the other side's figures come from and, where the two periods were counted under different procedures,
// the words that say so. Rounded as the exports are.
import { DISPLAY_DECIMALS, groupThousands, INDICATORS, type IndicatorKind } from '../../statistics/indicators.js';
import { otherPeriodWord, type PeriodComparison } from '../../statistics/period-comparison.js';
import { reportingPeriod } from '../../statistics/reporting-period.js';

/** The indicators the pages compare (the rest are in the exports' 同比环比 sheet and columns). */
const ON_PAGE = [
  'referrals',
  'concluded',
  'settled',
  'successRate',
  'judicialConfirmationRate',
  'voluntaryPerformanceRate',
  'averageMediationDays',
  'settledAmount',
  'transferred',
] as const;

const kindOf = (key: string): IndicatorKind => INDICATORS.find((d) => d.key === key)!.kind;

export function valueText(value: number | null, kind: IndicatorKind): string {
  if (value === null) return '—';
  switch (kind) {
    case 'ratio':
      return `${(value * 100).toFixed(DISPLAY_DECIMALS.ratio)}%`;
    case 'money':
      return groupThousands(value.toFixed(2));
    case 'count':
      return String(value);
    default:
      return value.toFixed(DISPLAY_DECIMALS[kind]);
  }
}

/** A change: signed, a rate's change in percentage points. */
export function changeText(change: number | null, kind: IndicatorKind): string {
  if (change === null) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  const size = Math.abs(change);
  if (kind === 'ratio') return `${sign}${(size * 100).toFixed(1)} 个百分点`;
  return `${sign}${valueText(size, kind)}`;
}

const growthText = (rate: number | null) =>
  rate === null ? '—' : `${rate > 0 ? '+' : rate < 0 ? '−' : ''}${(Math.abs(rate) * 100).toFixed(1)}%`;

function comparisonLine(c: PeriodComparison) {
  return {
    label: c.label,
    /** The anchors of its notes: yoy for 同比, mom for 环比 (as the month page has always had them). */
    id: c.kind === 'yearOnYear' ? 'yoy' : 'mom',
    period: c.period,
    /** 去年同月 / 去年同季度 / 上年, 上月 / 上季度 / 上年. */
    word: otherPeriodWord(c.kind, c.period),
    available: c.available,
    note: c.available ? c.basisNote : `无可比数据：${c.unavailableReason}`,
    differentBasis: !c.sameBasis,
    /** 上月为已结账数据（第N版）… or 尚未结账，为实时计算数据; null when there is nothing to compare with. */
    source: c.source.note,
    closedSource: c.source.kind === 'CLOSED',
  };
}

const THIS_PERIOD = { month: '本月', quarter: '本季度', year: '本年' } as const;

/**
 * The table of 同比 and 环比. `ended` is given for a period still running: its ended months are compared with
 * the same months of the other periods, and the page says so.
 */
export function comparisonView(
  yearOnYear: PeriodComparison,
  previousPeriod: PeriodComparison,
  ended?: { months: number; of: number },
) {
  const kind = reportingPeriod(previousPeriod.period)?.kind ?? 'month';
  const rows = ON_PAGE.map((key) => {
    const k = kindOf(key);
    const yf = yearOnYear.figures.find((f) => f.key === key)!;
    const pf = previousPeriod.figures.find((f) => f.key === key)!;
    return {
      label: INDICATORS.find((d) => d.key === key)!.label,
      current: valueText(yf.current, k),
      yearBefore: valueText(yf.other, k),
      yearChange: changeText(yf.change, k),
      yearGrowth: growthText(yf.changeRate),
      previous: valueText(pf.other, k),
      previousChange: changeText(pf.change, k),
      previousGrowth: growthText(pf.changeRate),
    };
  });
  const notes: string[] = [];
  if (ended && ended.months > 0 && ended.months < ended.of) {
    notes.push(`本期尚未结束：按已结束的 ${ended.months} 个月，与比较期间的前 ${ended.months} 个月相比。`);
  }
  if (kind === 'year') notes.push('年度的环比与同比都是与上年相比。');
  return {
    current: THIS_PERIOD[kind],
    yearOnYear: comparisonLine(yearOnYear),
    previousPeriod: comparisonLine(previousPeriod),
    rows,
    notes,
  };
}
