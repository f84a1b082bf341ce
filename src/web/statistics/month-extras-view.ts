// The month page's extras as text the view prints: 同比 / 环比 (comparison-view.ts, shared with the quarter and
// year page), the follow-up of a closed month (截至今日), 超期 by step at the month's end and 万人成讼率 from the
// entered filings, rounded as the exports are.
import { DISPLAY_DECIMALS, type Ratio } from '../../statistics/indicators.js';
import type { CourtLitigationRate } from '../../statistics/court-filings.js';
import type { MonthExtras } from '../../statistics/monthly-extras.service.js';
import { comparisonView } from './comparison-view.js';

const ratioText = (r: Ratio | null) =>
  r === null || r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%（${r.numerator}/${r.denominator}）`;

/** 万人成讼率 from the court's entered first-instance filings: 缺失 where they are missing. */
export function litigationView(lit: CourtLitigationRate) {
  return {
    text: lit.litigationPer10k?.value == null ? '缺失' : lit.litigationPer10k.value.toFixed(DISPLAY_DECIMALS.per10k),
    missing: lit.litigationPer10k?.value == null,
    filings: lit.filings === null ? '未录入' : String(lit.filings),
    note: lit.note,
  };
}

export function monthExtrasView(extras: Partial<MonthExtras>) {
  if (!extras.yearOnYear || !extras.previousPeriod || !extras.overdueBySteps || !extras.courtLitigation) return null;
  const f = extras.followUp;
  return {
    comparison: comparisonView(extras.yearOnYear, extras.previousPeriod),
    litigation: litigationView(extras.courtLitigation),
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
