// 月分析 indicators: the one place where the definitions of the domain's statistics
// table become formulas. SQL aggregation (indicator-queries.ts) counts; this module
// turns the counts of one row (the court, or one mediator, organization, case type
// or division) into the indicators. Pure, so every formula is unit-tested.
import { formatYuan } from '../common/money.js';
import { PROCEDURES, type Procedure } from '../cases/procedure.js';

/** What SQL aggregation counts for one row over one period. */
export interface IndicatorCounts {
  /** 受理数: cases that entered mediation, whose consent (consented_on, China date) lies in the period. */
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
  /**
   * Sum and number of (China date of conclusion − start of the period: consent for the old procedure, the
   * mediator's sign-for for the others, periodStartOf) over the period's concluded cases that had a period.
   */
  mediationDaysSum: number;
  mediationDaysCases: number;
  /** Sum of the agreed amounts of the period's settled cases, in fen (decimal string). */
  settledAmountFen: string;
  /** 转立案数: cases of the old procedure transferred to filing (transferred_at) in the period. */
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
  /** Ratings cast from a staff session or the court's own network: apart, not in the three above. */
  doubtfulRatings: number;
}

/** A ratio with its inputs; `value` is null when the denominator is 0. */
export interface Ratio {
  value: number | null;
  numerator: number;
  denominator: number;
}

/** A mean with its inputs; `value` is null when nothing was counted. */
interface Mean {
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
  /** 转立案万人比（平台） = transferred ÷ population × 10 000; 万人成讼率 is court-filings.ts */
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
  /** Ratings cast from a staff session or the court's own network (not in the satisfaction figures). */
  doubtfulRatings: number;
}

export type IndicatorKey = keyof Indicators;
/** How a figure is shown: counts and money add up over breakdown rows; the others do not. */
export type IndicatorKind = 'count' | 'money' | 'ratio' | 'per10k' | 'mean';

/** One figure of a report: its key in the JSON, its Chinese label, how it is shown and how it is computed. */
export interface FigureDefinition<K extends string = string> {
  key: K;
  label: string;
  kind: IndicatorKind;
  /** How it is computed, in Chinese, for the export's summary sheet. */
  definition: string;
}
type IndicatorDefinition = FigureDefinition<IndicatorKey>;

/** A figure as reports hold it: a count, money (yuan string), a ratio or a mean. */
export type Figure = number | string | Ratio | Mean;

/** Every indicator in report order, with its Chinese label: exports and pages read this list. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  { key: 'referrals', label: '受理数', kind: 'count', definition: '本期各方均同意、进入调解的案件数（各程序）' },
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
    definition:
      '本期结案案件自调解期限起算之日（诉前调解（2025年前）为同意调解之日，先行调解、非诉调解为调解员签收材料之日）至结案之日的日历天数平均值；未签收即结案的不计入',
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
    definition: '本期诉前调解（2025年前）案件转立案的件数（不同意调解、调解不成、期满）',
  },
  {
    key: 'litigationPer10k',
    label: '转立案万人比（平台）',
    kind: 'per10k',
    definition: '本平台转立案数 ÷ 辖区常住人口 × 10000；不是万人成讼率（万人成讼率以本院一审民事收案数计）',
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
  {
    key: 'doubtfulRatings',
    label: '存疑评价数',
    kind: 'count',
    definition: '自工作人员的登录会话或本院内部网络提交的评价数，单列，不计入评价数和满意度',
  },
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
    doubtfulRatings: 0,
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
    doubtfulRatings: c.doubtfulRatings,
  };
}

// The procedure since 2025 (issue 27). Every figure above keeps its meaning for every procedure (受理数 is
// entry into mediation; 平均调解时长 counts from the start of the case's period, see periodStartOf); these are
// added, for the court and for each procedure: the funnel from registration to consent (issue 31), and the
// steps of the new procedures, counted from the history.

/** What SQL counts of the funnel and the 2025 steps for the court or one procedure (besides IndicatorCounts). */
export interface StepCounts {
  /** 收案数: cases registered (registered_at) in the period. */
  registered: number;
  /** 告知数: cases whose notice (the latest, notice_issued_at) was issued in the period. */
  noticesIssued: number;
  /** 拒绝数: cases a party's refusal decided (refused_at) in the period. */
  refused: number;
  /** 交费通知数: fee notices issued in the period (FEE_NOTICE_ISSUED, by its issuedOn). */
  feeNotices: number;
  /** 转入审理数: fees paid or relief decided in the period (FEE_PAID, FEE_RELIEF_GRANTED): the case went to trial. */
  toTrial: number;
  /** 按撤诉处理数: rulings of the period (CASE_DEEMED_WITHDRAWN, by its ruledOn). */
  deemedWithdrawn: number;
  /** 待交费数: cases noticed by the period's last day whose fee was neither paid nor relieved nor ruled on by then. */
  feePending: number;
  /** 司法确认申请数: applications of the period (JUDICIAL_CONFIRMATION_APPLIED, by its appliedOn). */
  judicialConfirmationApplications: number;
  /** 司法确认确认数: rulings of the period (JUDICIAL_CONFIRMATION_RECORDED, by its decidedOn) that confirmed. */
  judicialConfirmationsConfirmed: number;
  /** 起诉立案数: voluntary cases filed as a suit (CASE_FILED) in the period, by their transferred_at. */
  filedSuits: number;
}

/** The funnel and the 2025 steps of the court or of one procedure: the counts, and what follows from them. */
interface StepFigures extends StepCounts {
  /** 同意数: cases that entered mediation (both consents), the 受理数 of the same rows. */
  consented: number;
  /** 同意率 = consented ÷ (consented + refused): of the cases whose answers decided in the period. */
  consentRate: Ratio;
}
type StepKey = keyof StepFigures;

/** The figures of one procedure: its funnel and steps, and the mediation figures of its cases. */
export type ProcedureFigures = StepFigures &
  Pick<
    Indicators,
    | 'concluded'
    | 'settled'
    | 'failed'
    | 'withdrawn'
    | 'expired'
    | 'successRate'
    | 'averageMediationDays'
    | 'transferred'
  >;
export type ProcedureKey = keyof ProcedureFigures;

/**
 * The court's funnel (issue 31): the month's figures carry these next to `total`, which keeps the indicators
 * as they were; they are those of all the procedures together.
 */
export const FUNNEL_KEYS = ['registered', 'noticesIssued', 'consented', 'consentRate', 'refused'] as const;
export type Funnel = Pick<StepFigures, (typeof FUNNEL_KEYS)[number]>;

export function funnelOf(f: StepFigures): Funnel {
  return {
    registered: f.registered,
    noticesIssued: f.noticesIssued,
    consented: f.consented,
    consentRate: f.consentRate,
    refused: f.refused,
  };
}

/** The funnel and the 2025 steps, after the indicators, in report order. */
export const STEP_INDICATORS: readonly FigureDefinition<StepKey>[] = [
  {
    key: 'registered',
    label: '收案数',
    kind: 'count',
    definition: '本期登记的案件数（先行调解为立案登记；非诉调解为登记的调解申请；旧诉前调解为登记）',
  },
  { key: 'noticesIssued', label: '告知数', kind: 'count', definition: '本期发出告知书的案件数（以最近一次发出为准）' },
  {
    key: 'consented',
    label: '同意数',
    kind: 'count',
    definition: '本期各方均同意、进入调解的案件数（即受理数；先行调解的为立案后先行调解数，非诉调解的为非诉调解数）',
  },
  { key: 'refused', label: '拒绝数', kind: 'count', definition: '本期因当事人不同意调解而终止的案件数' },
  { key: 'consentRate', label: '同意率', kind: 'ratio', definition: '同意数 ÷（同意数 + 拒绝数）' },
  { key: 'feeNotices', label: '交费通知数', kind: 'count', definition: '本期发出交费通知的案件数' },
  { key: 'toTrial', label: '转入审理数', kind: 'count', definition: '本期交费或准予缓减免交、转入审理的案件数' },
  {
    key: 'deemedWithdrawn',
    label: '按撤诉处理数',
    kind: 'count',
    definition: '本期逾期未交费、裁定按撤诉处理的案件数',
  },
  {
    key: 'feePending',
    label: '待交费数（期末）',
    kind: 'count',
    definition: '期末最后一刻已通知交费、尚未交费的案件数',
  },
  {
    key: 'judicialConfirmationApplications',
    label: '司法确认申请数',
    kind: 'count',
    definition: '本期登记的司法确认申请数',
  },
  {
    key: 'judicialConfirmationsConfirmed',
    label: '司法确认确认数',
    kind: 'count',
    definition: '本期登记的司法确认裁定中确认有效的件数',
  },
  { key: 'filedSuits', label: '起诉立案数', kind: 'count', definition: '本期非诉调解未成、当事人起诉立案的案件数' },
];

/** Figures the domain names that are one procedure's figure: 立案后先行调解数, 非诉调解数. */
export const NAMED_PROCEDURE_FIGURES: readonly {
  label: string;
  procedure: Procedure;
  key: ProcedureKey;
  definition: string;
}[] = [
  {
    label: '立案后先行调解数',
    procedure: 'POST_FILING',
    key: 'consented',
    definition: '本期进入先行调解（立案后委托调解）的案件数',
  },
  {
    label: '非诉调解数',
    procedure: 'VOLUNTARY',
    key: 'consented',
    definition: '本期进入非诉讼调解（诉前引导）的案件数',
  },
];

/** The columns of the per-procedure table (按程序), in report order. */
const PROCEDURE_KEYS: readonly ProcedureKey[] = [
  'registered',
  'noticesIssued',
  'consented',
  'refused',
  'consentRate',
  'concluded',
  'settled',
  'failed',
  'withdrawn',
  'expired',
  'successRate',
  'averageMediationDays',
  'transferred',
  'feeNotices',
  'toTrial',
  'deemedWithdrawn',
  'feePending',
  'judicialConfirmationApplications',
  'judicialConfirmationsConfirmed',
  'filedSuits',
];
export const PROCEDURE_INDICATORS: readonly FigureDefinition<ProcedureKey>[] = PROCEDURE_KEYS.map(
  (key) =>
    ([...INDICATORS, ...STEP_INDICATORS] as FigureDefinition<string>[]).find(
      (d) => d.key === key,
    ) as FigureDefinition<ProcedureKey>,
);

export function zeroStepCounts(): StepCounts {
  return {
    registered: 0,
    noticesIssued: 0,
    refused: 0,
    feeNotices: 0,
    toTrial: 0,
    deemedWithdrawn: 0,
    feePending: 0,
    judicialConfirmationApplications: 0,
    judicialConfirmationsConfirmed: 0,
    filedSuits: 0,
  };
}

/** The funnel and steps of a row; `consented` is the row's 受理数 (referrals), the same cases. */
export function computeStepFigures(steps: StepCounts, referrals: number): StepFigures {
  return {
    registered: steps.registered,
    noticesIssued: steps.noticesIssued,
    consented: referrals,
    refused: steps.refused,
    consentRate: ratio(referrals, referrals + steps.refused),
    feeNotices: steps.feeNotices,
    toTrial: steps.toTrial,
    deemedWithdrawn: steps.deemedWithdrawn,
    feePending: steps.feePending,
    judicialConfirmationApplications: steps.judicialConfirmationApplications,
    judicialConfirmationsConfirmed: steps.judicialConfirmationsConfirmed,
    filedSuits: steps.filedSuits,
  };
}

/** The counts StepFigures were computed from (rollup.ts adds them up). */
export function stepCountsOf(f: StepFigures): StepCounts {
  return {
    registered: f.registered,
    noticesIssued: f.noticesIssued,
    refused: f.refused,
    feeNotices: f.feeNotices,
    toTrial: f.toTrial,
    deemedWithdrawn: f.deemedWithdrawn,
    feePending: f.feePending,
    judicialConfirmationApplications: f.judicialConfirmationApplications,
    judicialConfirmationsConfirmed: f.judicialConfirmationsConfirmed,
    filedSuits: f.filedSuits,
  };
}

/** One procedure's figures from the counts of its cases (its row of the case statement) and of its steps. */
export function computeProcedureFigures(counts: IndicatorCounts, steps: StepCounts): ProcedureFigures {
  const i = computeIndicators(counts, 0);
  return {
    ...computeStepFigures(steps, counts.referrals),
    concluded: i.concluded,
    settled: i.settled,
    failed: i.failed,
    withdrawn: i.withdrawn,
    expired: i.expired,
    successRate: i.successRate,
    averageMediationDays: i.averageMediationDays,
    transferred: i.transferred,
  };
}

/** Every procedure, each with its figures (zeros where nothing happened). */
export function byProcedureOf(of: (procedure: Procedure) => ProcedureFigures): Record<Procedure, ProcedureFigures> {
  return Object.fromEntries(PROCEDURES.map((p) => [p, of(p)])) as Record<Procedure, ProcedureFigures>;
}

/**
 * The number a figure is shown as: counts as they are, money in yuan, ratios and means by value; null when
 * there is nothing to divide, or when the report does not hold the figure (a month closed before it existed).
 */
export function indicatorNumber<K extends string>(figures: Partial<Record<K, Figure>>, key: K): number | null {
  const figure = figures[key];
  if (figure === undefined) return null;
  if (typeof figure === 'number') return figure;
  if (typeof figure === 'string') return Number(figure);
  return figure.value;
}

/** Decimals an indicator is shown with, on the page and in the exports alike (ratios as percentages). */
export const DISPLAY_DECIMALS: Record<IndicatorKind, number> = { count: 0, money: 2, ratio: 1, per10k: 2, mean: 1 };

/** What a report shows for a figure it does not hold: a month closed before the figure was counted (无). */
export const NOT_COUNTED = '无';

/** Whether the report holds the figure (a snapshot closed before it was counted does not). */
export const holds = <K extends string>(figures: Partial<Record<K, Figure>>, key: K) => figures[key] !== undefined;

/** The figure rounded as it is shown: a ratio to 0.1 %, 万人成讼率 to two decimals, a mean to one. */
export function displayedNumber<K extends string>(
  figures: Partial<Record<K, Figure>>,
  d: FigureDefinition<K>,
): number | null {
  const value = indicatorNumber(figures, d.key);
  if (value === null || d.kind === 'count' || d.kind === 'money') return value;
  const decimals = d.kind === 'ratio' ? DISPLAY_DECIMALS.ratio + 2 : DISPLAY_DECIMALS[d.kind];
  return Number(value.toFixed(decimals));
}

/**
 * The figure as people read it: `12`, `50,000.00`, `66.7%`, `3.21`, `12.5`; `—` when there is nothing to
 * divide; `无` when the report does not hold it.
 */
export function displayedText<K extends string>(
  figures: Partial<Record<K, Figure>>,
  d: FigureDefinition<K>,
  options: { percentSign?: boolean } = {},
) {
  if (!holds(figures, d.key)) return NOT_COUNTED;
  const value = displayedNumber(figures, d);
  if (value === null) return '—';
  switch (d.kind) {
    case 'count':
      return String(value);
    case 'money':
      return groupThousands((figures[d.key] as string) ?? value.toFixed(2));
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
