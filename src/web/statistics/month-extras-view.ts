// The month page's 同比 / 环比 table, the follow-up of a closed month (截至今日), 超期 by step at the month's end
// and 万人成讼率 from the entered filings, as text the view prints (rounded as the exports are).
import {
  DISPLAY_DECIMALS,
  groupThousands,
  INDICATORS,
  type IndicatorKind,
  type Ratio,
} from '../../statistics/indicators.js';
import type { MonthExtras } from '../../statistics/monthly-extras.service.js';
import type { PeriodComparison } from '../../statistics/period-comparison.js';

/** The indicators the page compares (the rest are in the export's 同比环比 sheet). */
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

const ratioText = (r: Ratio | null) =>
  r === null || r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）`;

function comparisonLine(c: PeriodComparison) {
  return {
    label: c.label,
    period: c.period,
    available: c.available,
    note: c.available ? c.basisNote : `无可比数据：${c.unavailableReason}`,
    differentBasis: !c.sameBasis,
    /** 上月为已结账数据（第N版）… or 尚未结账，为实时计算数据; null when there is nothing to compare with. */
    source: c.source.note,
    closedSource: c.source.kind === 'CLOSED',
  };
}

export function monthExtrasView(extras: Partial<MonthExtras>) {
  if (!extras.yearOnYear || !extras.previousPeriod || !extras.overdueBySteps || !extras.courtLitigation) return null;
  const y = extras.yearOnYear;
  const p = extras.previousPeriod;
  const rows = ON_PAGE.map((key) => {
    const kind = kindOf(key);
    const yf = y.figures.find((f) => f.key === key)!;
    const pf = p.figures.find((f) => f.key === key)!;
    return {
      label: INDICATORS.find((d) => d.key === key)!.label,
      current: valueText(yf.current, kind),
      yearBefore: valueText(yf.other, kind),
      yearChange: changeText(yf.change, kind),
      yearGrowth: growthText(yf.changeRate),
      previous: valueText(pf.other, kind),
      previousChange: changeText(pf.change, kind),
      previousGrowth: growthText(pf.changeRate),
    };
  });
  const lit = extras.courtLitigation;
  const f = extras.followUp;
  return {
    yearOnYear: comparisonLine(y),
    previousPeriod: comparisonLine(p),
    rows,
    litigation: {
      text: lit.litigationPer10k?.value == null ? '缺失' : lit.litigationPer10k.value.toFixed(DISPLAY_DECIMALS.per10k),
      missing: lit.litigationPer10k?.value == null,
      filings: lit.filings === null ? '未录入' : String(lit.filings),
      note: lit.note,
    },
    followUp: f
      ? {
          asOf: f.asOf,
          lines: [
            {
              label: '司法确认率',
              today: ratioText(f.judicialConfirmationRate),
              atClose: ratioText(f.atClose.judicialConfirmationRate),
            },
            {
              label: '自动履行率',
              today: ratioText(f.voluntaryPerformanceRate),
              atClose: ratioText(f.atClose.voluntaryPerformanceRate),
            },
          ],
        }
      : null,
    timeliness: extras.entryTimeliness
      ? {
          rate: ratioText(extras.entryTimeliness.rate),
          byMediator: extras.entryTimeliness.byMediator.map((m) => ({ mediator: m.mediator, rate: ratioText(m.rate) })),
        }
      : null,
    changes: extras.changesSinceClose ?? null,
    overdue: {
      asOfDate: extras.overdueBySteps.asOfDate,
      steps: extras.overdueBySteps.steps,
      total: extras.overdueBySteps.total,
    },
  };
}
