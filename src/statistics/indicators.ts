// 月分析 indicators: the one place where the definitions of the domain's statistics
// table become formulas. SQL aggregation (indicator-queries.ts) counts; this module
// turns the counts of one row (the court, or one mediator, organization, case type
// or division) into the indicators. Pure, so every formula is unit-tested.
import { formatYuan } from '../common/money.js';

/** What SQL aggregation counts for one row over one period. */
export interface IndicatorCounts {
  /** 受理数: cases whose consent (consented_on, China date) lies in the period. */
  referrals: number;
  /** 结案数: cases concluded (concluded_at) in the period, by outcome below. */
  concluded: number;
  settled: number;
  failed: number;
  withdrawn: number;
  expired: number;
  /** Of the period's settled cases: those with a CONFIRMED judicial confirmation. */
  judicialConfirmed: number;
  /** Of the period's settled cases: those whose performance (履行情况) is recorded. */
  performanceRecorded: number;
  /** ... and of those, the ones recorded as performed in full (自动履行). */
  performedVoluntarily: number;
  /** Sum and number of (China date of conclusion − consent date) over the period's concluded cases. */
  mediationDaysSum: number;
  mediationDaysCases: number;
  /** Sum of the agreed amounts of the period's settled cases, in fen (decimal string). */
  settledAmountFen: string;
  /** 转立案数: cases transferred to filing (transferred_at) in the period. */
  transferred: number;
  /** Open at the period's last moment, past their period / within the warning window. */
  overdue: number;
  warning: number;
  /** Consultation letters answered (first reply) in the period. */
  consultationReplies: number;
  replyWorkingDaysSum: number;
  /** Replies whose working days are known (null while a calendar year was unknown). */
  replyWorkingDaysLetters: number;
  /** Replies given after the due date. */
  lateReplies: number;
  /** Party ratings given in the period: how many, the sum of scores, how many of 4 or 5. */
  ratings: number;
  ratingScoreSum: number;
  satisfiedRatings: number;
}

/** A ratio with its inputs; `value` is null when the denominator is 0. */
export interface Ratio {
  value: number | null;
  numerator: number;
  denominator: number;
}

/** A mean with its inputs; `value` is null when nothing was counted. */
export interface Mean {
  value: number | null;
  sum: number;
  count: number;
}

export interface Indicators {
  referrals: number;
  concluded: number;
  settled: number;
  failed: number;
  withdrawn: number;
  expired: number;
  /** 成功率 = settled ÷ concluded */
  successRate: Ratio;
  judicialConfirmed: number;
  /** 司法确认率 = settled with confirmation ÷ settled */
  judicialConfirmationRate: Ratio;
  performanceRecorded: number;
  performedVoluntarily: number;
  /** 自动履行率 = performed in full ÷ settled with performance recorded */
  voluntaryPerformanceRate: Ratio;
  /** 平均调解时长, calendar days */
  averageMediationDays: Mean;
  /** 调解成功协议金额, yuan (extra figure, not in the domain table) */
  settledAmount: string;
  transferred: number;
  /** 万人成讼率 = transferred ÷ population × 10 000 (value is per 10 000 residents) */
  litigationPer10k: Ratio;
  overdue: number;
  warning: number;
  consultationReplies: number;
  /** 咨询函平均答复时长, working days */
  averageReplyWorkingDays: Mean;
  lateReplies: number;
  ratings: number;
  /** 群众满意度: mean score */
  averageRating: Mean;
  /** 群众满意度: share of ratings of 4 or 5 */
  satisfiedShare: Ratio;
}

export type IndicatorKey = keyof Indicators;
/** How a figure is shown: counts and money add up over breakdown rows; the others do not. */
export type IndicatorKind = 'count' | 'money' | 'ratio' | 'per10k' | 'mean';

export interface IndicatorDefinition {
  key: IndicatorKey;
  label: string;
  kind: IndicatorKind;
  /** How it is computed, in Chinese, for the export's summary sheet. */
  definition: string;
}

/** Every indicator in report order, with its Chinese label: exports and pages read this list. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  { key: 'referrals', label: '受理数', kind: 'count', definition: '本期同意调解（进入诉前调解）的案件数' },
  { key: 'concluded', label: '结案数', kind: 'count', definition: '本期调解成功、不成、撤回或期满的案件数' },
  { key: 'settled', label: '调解成功数', kind: 'count', definition: '本期结案中调解成功的案件数' },
  { key: 'failed', label: '调解不成数', kind: 'count', definition: '本期结案中调解不成的案件数' },
  { key: 'withdrawn', label: '撤回数', kind: 'count', definition: '本期结案中撤回的案件数' },
  { key: 'expired', label: '调解期满数', kind: 'count', definition: '本期结案中调解期满未达成协议的案件数' },
  { key: 'successRate', label: '调解成功率', kind: 'ratio', definition: '调解成功数 ÷ 结案数' },
  { key: 'judicialConfirmed', label: '司法确认数', kind: 'count', definition: '本期调解成功且裁定确认有效的案件数' },
  { key: 'judicialConfirmationRate', label: '司法确认率', kind: 'ratio', definition: '司法确认数 ÷ 调解成功数' },
  {
    key: 'performanceRecorded',
    label: '已登记履行情况数',
    kind: 'count',
    definition: '本期调解成功且已登记履行情况的案件数',
  },
  { key: 'performedVoluntarily', label: '自动履行数', kind: 'count', definition: '其中登记为全部履行的案件数' },
  {
    key: 'voluntaryPerformanceRate',
    label: '自动履行率',
    kind: 'ratio',
    definition: '自动履行数 ÷ 已登记履行情况数',
  },
  {
    key: 'averageMediationDays',
    label: '平均调解时长（天）',
    kind: 'mean',
    definition: '本期结案案件自同意调解之日至结案之日的日历天数平均值',
  },
  {
    key: 'settledAmount',
    label: '调解成功协议金额（元）',
    kind: 'money',
    definition: '本期调解成功案件的协议金额合计',
  },
  {
    key: 'transferred',
    label: '转立案数',
    kind: 'count',
    definition: '本期转立案的案件数（不同意调解、调解不成、期满）',
  },
  {
    key: 'litigationPer10k',
    label: '万人成讼率',
    kind: 'per10k',
    definition: '转立案数 ÷ 辖区常住人口 × 10000',
  },
  {
    key: 'overdue',
    label: '超期数（期末）',
    kind: 'count',
    definition: '期末最后一刻仍在调解且已超过调解期限的案件数',
  },
  {
    key: 'warning',
    label: '预警数（期末）',
    kind: 'count',
    definition: '期末最后一刻仍在调解且调解期限在预警天数内届满的案件数',
  },
  { key: 'consultationReplies', label: '咨询函答复数', kind: 'count', definition: '本期首次答复的执行咨询函数' },
  {
    key: 'averageReplyWorkingDays',
    label: '咨询函平均答复时长（工作日）',
    kind: 'mean',
    definition: '自发函之日至答复之日的工作日数平均值',
  },
  { key: 'lateReplies', label: '咨询函超期答复数', kind: 'count', definition: '本期答复晚于答复期限的咨询函数' },
  { key: 'ratings', label: '群众评价数', kind: 'count', definition: '本期当事人提交的评价数' },
  { key: 'averageRating', label: '群众满意度（平均分）', kind: 'mean', definition: '评价分数（1-5分）平均值' },
  { key: 'satisfiedShare', label: '群众满意度（4-5分占比）', kind: 'ratio', definition: '4分或5分的评价数 ÷ 评价数' },
];

/** Figures that add up over the rows of a breakdown. */
export const ADDITIVE_INDICATORS: readonly IndicatorKey[] = INDICATORS.filter(
  (d) => d.kind === 'count' || d.kind === 'money',
).map((d) => d.key);

export function zeroCounts(): IndicatorCounts {
  return {
    referrals: 0,
    concluded: 0,
    settled: 0,
    failed: 0,
    withdrawn: 0,
    expired: 0,
    judicialConfirmed: 0,
    performanceRecorded: 0,
    performedVoluntarily: 0,
    mediationDaysSum: 0,
    mediationDaysCases: 0,
    settledAmountFen: '0',
    transferred: 0,
    overdue: 0,
    warning: 0,
    consultationReplies: 0,
    replyWorkingDaysSum: 0,
    replyWorkingDaysLetters: 0,
    lateReplies: 0,
    ratings: 0,
    ratingScoreSum: 0,
    satisfiedRatings: 0,
  };
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

export function mean(sum: number, count: number): Mean {
  return { value: count === 0 ? null : sum / count, sum, count };
}

/** 万人成讼率: cases to formal filing per 10 000 residents of the court's area. */
export function perTenThousand(cases: number, population: number): Ratio {
  return { value: population > 0 ? (cases * 10_000) / population : null, numerator: cases, denominator: population };
}

/** The indicators of one row; `population` is the court area's resident population. */
export function computeIndicators(counts: IndicatorCounts, population: number): Indicators {
  const c = counts;
  return {
    referrals: c.referrals,
    concluded: c.concluded,
    settled: c.settled,
    failed: c.failed,
    withdrawn: c.withdrawn,
    expired: c.expired,
    successRate: ratio(c.settled, c.concluded),
    judicialConfirmed: c.judicialConfirmed,
    judicialConfirmationRate: ratio(c.judicialConfirmed, c.settled),
    performanceRecorded: c.performanceRecorded,
    performedVoluntarily: c.performedVoluntarily,
    voluntaryPerformanceRate: ratio(c.performedVoluntarily, c.performanceRecorded),
    averageMediationDays: mean(c.mediationDaysSum, c.mediationDaysCases),
    settledAmount: formatYuan(c.settledAmountFen),
    transferred: c.transferred,
    litigationPer10k: perTenThousand(c.transferred, population),
    overdue: c.overdue,
    warning: c.warning,
    consultationReplies: c.consultationReplies,
    averageReplyWorkingDays: mean(c.replyWorkingDaysSum, c.replyWorkingDaysLetters),
    lateReplies: c.lateReplies,
    ratings: c.ratings,
    averageRating: mean(c.ratingScoreSum, c.ratings),
    satisfiedShare: ratio(c.satisfiedRatings, c.ratings),
  };
}

/** The number an indicator is shown as: counts as they are, money in yuan, ratios and means by value. */
export function indicatorNumber(indicators: Indicators, key: IndicatorKey): number | null {
  const figure = indicators[key];
  if (typeof figure === 'number') return figure;
  if (typeof figure === 'string') return Number(figure);
  return figure.value;
}

/** Decimals an indicator is shown with, on the page and in the exports alike (ratios as percentages). */
export const DISPLAY_DECIMALS: Record<IndicatorKind, number> = { count: 0, money: 2, ratio: 1, per10k: 2, mean: 1 };

/** The figure rounded as it is shown: a ratio to 0.1 %, 万人成讼率 to two decimals, a mean to one. */
export function displayedNumber(indicators: Indicators, d: IndicatorDefinition): number | null {
  const value = indicatorNumber(indicators, d.key);
  if (value === null || d.kind === 'count' || d.kind === 'money') return value;
  const decimals = d.kind === 'ratio' ? DISPLAY_DECIMALS.ratio + 2 : DISPLAY_DECIMALS[d.kind];
  return Number(value.toFixed(decimals));
}

/** The figure as people read it: `12`, `50,000.00`, `66.7%`, `3.21`, `12.5`; `—` when there is nothing to divide. */
export function displayedText(indicators: Indicators, d: IndicatorDefinition, options: { percentSign?: boolean } = {}) {
  const value = displayedNumber(indicators, d);
  if (value === null) return '—';
  switch (d.kind) {
    case 'count':
      return String(value);
    case 'money':
      return groupThousands((indicators[d.key] as string) ?? value.toFixed(2));
    case 'ratio':
      return `${(value * 100).toFixed(DISPLAY_DECIMALS.ratio)}${options.percentSign === false ? '' : '%'}`;
    default:
      return value.toFixed(DISPLAY_DECIMALS[d.kind]);
  }
}

/** "50000.00" -> "50,000.00" */
export function groupThousands(yuan: string): string {
  const [whole, cents] = yuan.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents === undefined ? '' : `.${cents}`}`;
}
