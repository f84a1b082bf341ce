// The statistics answers as JSON schemas for the API document: the indicators in full (indicators.ts), the
// reports around them by their main fields.
import {
  arrayOf,
  bool,
  date,
  instant,
  instantOrNull,
  int,
  intOrNull,
  num,
  object,
  openObject,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  yuan,
  type SchemaObject,
} from '../common/http/api-docs.js';
import { monthExtrasProperties } from './statistics-extras.schema.js';

const nullableNumber = (description?: string): SchemaObject => ({ type: 'number', nullable: true, description });
const ratio = (description: string) =>
  object({ value: nullableNumber('比值；分母为 0 时为 null'), numerator: int(), denominator: int() }, description);
const mean = (description: string) =>
  object({ value: nullableNumber('平均值；没有数据时为 null'), sum: num(), count: int() }, description);

const indicatorProperties: Record<string, SchemaObject> = {
  referrals: int('委派调解（新收）'),
  concluded: int('办结'),
  settled: int('调解成功'),
  failed: int('调解不成功'),
  withdrawn: int('撤回'),
  expired: int('超期'),
  successRate: ratio('成功率 = 调解成功 ÷ 办结'),
  judicialConfirmed: int('司法确认'),
  judicialConfirmationRate: ratio('司法确认率 = 司法确认 ÷ 调解成功'),
  performanceRecorded: int('已记录履行情况'),
  performedVoluntarily: int('自动履行'),
  voluntaryPerformanceRate: ratio('自动履行率'),
  averageMediationDays: mean('平均调解时长（自然日）'),
  settledAmount: yuan('调解成功的协议金额（元）'),
  transferred: int('转立案'),
  litigationPer10k: ratio('万人成讼率（value 为每万人）'),
  overdue: int('超期'),
  warning: int('预警'),
  consultationReplies: int('咨询函答复数'),
  averageReplyWorkingDays: mean('咨询函平均答复时长（工作日）'),
  lateReplies: int('逾期答复的咨询函'),
  ratings: int('群众评价数'),
  doubtfulRatings: int('存疑评价数（工作人员会话或本院网络提交，不计入满意度）'),
  averageRating: mean('群众满意度（平均分）'),
  satisfiedShare: ratio('满意（4、5 分）的比例'),
};
const indicatorsSchema = object(indicatorProperties, '指标');

/** An object() with more properties that may be absent. */
const withOptional = (schema: SchemaObject, optional: Record<string, SchemaObject>): SchemaObject => ({
  ...schema,
  properties: { ...schema.properties, ...optional },
});

/** The funnel (issue 31): the court's, beside `total`, and each procedure's. */
const funnelProperties: Record<string, SchemaObject> = {
  registered: int('收案数：本月登记的案件数'),
  noticesIssued: int('告知数：本月发出告知书的案件数'),
  consented: int('同意数：本月进入调解的案件数（受理数）'),
  consentRate: ratio('同意率 = 同意数 ÷（同意数 + 拒绝数）'),
  refused: int('拒绝数：本月因当事人不同意调解而终止的案件数'),
};
const procedureFiguresSchema = object(
  {
    ...funnelProperties,
    concluded: int('结案数'),
    settled: int('调解成功'),
    failed: int('调解不成功'),
    withdrawn: int('撤回'),
    expired: int('超期'),
    successRate: ratio('成功率 = 调解成功 ÷ 结案'),
    averageMediationDays: mean('平均调解时长（自然日，自调解期限起算之日）'),
    transferred: int('转立案（诉前调解（2025年前））'),
    feeNotices: int('交费通知数'),
    toTrial: int('转入审理数（交费或缓减免交）'),
    deemedWithdrawn: int('按撤诉处理数'),
    feePending: int('待交费数（期末）'),
    judicialConfirmationApplications: int('司法确认申请数'),
    judicialConfirmationsConfirmed: int('司法确认确认数（裁定确认有效）'),
    filedSuits: int('起诉立案数（非诉调解未成后起诉）'),
  },
  '一种程序的数字',
);
/** Keyed by procedure; absent for a month closed before the procedure figures were counted. */
const byProcedureSchema = object(
  {
    POST_FILING: procedureFiguresSchema,
    VOLUNTARY: procedureFiguresSchema,
    LEGACY_PRE_FILING: procedureFiguresSchema,
  },
  '按程序（先行调解、非诉调解、诉前调解（2025年前））；按程序统计之前关账的月份没有此项',
);

const courtSummary = object({ id: uuid, code: str(), name: str(), population: int() }, '法院');
const courtRef = object({ id: uuid, code: str(), name: str() }, '法院');
const breakdownRow = object(
  {
    key: strOrNull('调解员、组织、庭室的编号或案由；没有归属的案件为 null'),
    label: str(),
    ...indicatorProperties,
  },
  '分组的一行（调解员的行另有 organization）',
);

export const monthlySchema = openObject('月度指标：合计，以及按 by 要求的一种分组', {
  month: str('YYYY-MM'),
  court: courtSummary,
  period: object({ label: str(), from: date(), to: date() }),
  warningDaysBefore: int('预警的提前天数'),
  computedAt: instant,
  total: indicatorsSchema,
  ...funnelProperties,
  byProcedure: byProcedureSchema,
  closed: bool('是否已关账（关账后给出冻结的数据）'),
  version: intOrNull('关账版本'),
  closedAt: instantOrNull,
  closedBy: { ...object({ id: uuid, name: str() }), nullable: true },
  reason: strOrNull('重新关账的理由'),
  breakdown: object({ by: str('mediator | organization | caseType | division'), rows: arrayOf(breakdownRow) }),
  ...monthExtrasProperties,
});

export const monthVersionSchema = object(
  {
    month: str('YYYY-MM'),
    version: int(),
    closedAt: instant,
    closedBy: object({ id: uuid, name: str() }),
    reason: strOrNull(),
    submittedToCourtId: uuidOrNull,
  },
  '关账版本',
);
export const monthVersionsSchema = object(
  { month: str(), closed: bool(), versions: arrayOf(monthVersionSchema) },
  '一个月份的各关账版本',
);

export const weeklySchema = object(
  {
    court: courtSummary,
    week: str('YYYY-Www'),
    title: str('如：2026年第50周，12月7日至13日'),
    period: object({ from: date(), to: date() }),
    computedAt: instant,
    newCases: int(),
    concluded: int(),
    settled: int(),
    successRate: ratio('成功率'),
    overdue: int(),
    warning: int(),
    rankings: object({
      mediators: arrayOf(openObject('调解员的排名')),
      organizations: arrayOf(openObject('调解组织的排名')),
    }),
  },
  '周报',
);

const rateLine = openObject('一条补贴标准', {
  outcome: str(),
  outcomeLabel: str(),
  difficulty: strOrNull(),
  difficultyLabel: strOrNull(),
  caseType: strOrNull(),
});
export const subsidyRatesSchema = object(
  { source: str('CONFIG | COURT'), updatedAt: instantOrNull, updatedBy: uuidOrNull, rates: arrayOf(rateLine) },
  '补贴标准',
);
const outcomeCounts = openObject('按结果（SETTLED、FAILED、WITHDRAWN、EXPIRED）的案件数', {
  SETTLED: int(),
  FAILED: int(),
  WITHDRAWN: int(),
  EXPIRED: int(),
});
export const subsidiesSchema = openObject('调解补贴：标准与各调解员的明细、合计', {
  court: courtRef,
  month: str(),
  generatedAt: instant,
  rateSource: str(),
  closedVersion: intOrNull('取自第几版关账'),
  frozen: bool('已随关账冻结'),
  rates: arrayOf(rateLine),
  mediators: arrayOf(
    openObject('一位调解员', { mediatorId: uuidOrNull, name: str(), organization: strOrNull(), cases: outcomeCounts }),
  ),
});

const periodSchema = object({ label: str('如 2026Q3、2026'), kind: str(), name: str(), months: arrayOf(str()) });
const courtMonths = object({ court: courtRef, months: arrayOf(str('YYYY-MM')) });

export const courtPeriodSchema = openObject('本院一个季度或年度的数据（由已关账月份汇总）', {
  period: periodSchema,
  court: courtRef,
  monthsDue: arrayOf(str('已结束的月份')),
  complete: bool('已结束的月份均已关账'),
  missing: arrayOf(str('尚未关账的月份')),
  total: indicatorsSchema,
  byProcedure: byProcedureSchema,
  months: arrayOf(openObject('一个月份（版本、关账时间、指标）')),
  breakdown: object({
    by: str('mediator | organization | caseType | division | institution'),
    rows: arrayOf(breakdownRow),
    notFrozenIn: arrayOf(str('关账时尚无此分组、未计入分组的月份')),
  }),
});
export const rollupSchema = object(
  {
    period: periodSchema,
    court: courtRef,
    courts: arrayOf(openObject('一个下级法院的期间数据')),
    missing: arrayOf(courtMonths, '未报送的法院与月份'),
    rollup: withOptional(
      object({
        courts: arrayOf(str('计入汇总的法院代字')),
        total: indicatorsSchema,
        trend: arrayOf(object({ month: str(), total: indicatorsSchema })),
      }),
      { byProcedure: byProcedureSchema },
    ),
    childCount: int('下级法院数'),
  },
  '辖区汇总',
);
export const rankingSchema = object(
  {
    period: periodSchema,
    previousPeriod: periodSchema,
    minConcludedForRank: int('参与排名的最少办结数'),
    courts: arrayOf(openObject('法院的排名')),
    organizations: arrayOf(openObject('调解组织的排名')),
    notRanked: arrayOf(courtMonths, '因未报送而不排名的法院'),
  },
  '辖区各院排名',
);
export const ownRankingSchema = object(
  {
    period: periodSchema,
    court: courtRef,
    parentCourt: courtRef,
    compared: int('参加比较的法院数（已报送该月）'),
    minConcludedForRank: int('参与排名的最少办结数'),
    indicators: arrayOf(
      object({
        key: str(),
        label: str(),
        better: str('higher | lower'),
        rank: intOrNull('本院名次；样本少或无数值时为 null'),
        rankedCourts: int('该指标参与排名的法院数'),
        value: nullableNumber(),
        concluded: int(),
        smallSample: bool(),
        previousValue: nullableNumber(),
        change: nullableNumber(),
        previousRank: intOrNull(),
      }),
    ),
    version: int('本院该月的关账版本'),
    total: indicatorsSchema,
  },
  '本院在上级法院赛马比拼中的名次',
);
export const monitoringSchema = object(
  {
    period: periodSchema,
    courts: arrayOf(
      object({
        court: courtRef,
        complete: bool(),
        missing: arrayOf(str()),
        target: nullableNumber('成功率目标'),
        successRate: ratio('成功率'),
        concluded: int(),
        meetsTarget: { type: 'boolean', nullable: true },
      }),
    ),
    mediatorsBelow: arrayOf(openObject('低于目标的调解员')),
    organizationsBelow: arrayOf(openObject('低于目标的调解组织')),
  },
  '成功率监测',
);
export const targetSchema = object(
  { court: courtRef, successRateTarget: nullableNumber('成功率目标（0 至 1）') },
  '成功率目标',
);

const responsible = object(
  { kind: str('MEDIATOR | UNASSIGNED | ENFORCEMENT_BUREAU'), id: uuidOrNull, name: str() },
  '负责人',
);
const warning = openObject('一条预警（案件或逾期的咨询函），期限最近的在前', {
  deadline: date(),
  responsible,
});
export const warningsSchema: SchemaObject = {
  description: '期限预警的列表；by=responsible 时为按负责人分组的列表',
  oneOf: [
    arrayOf(warning),
    arrayOf(object({ responsible, count: int(), warnings: arrayOf(warning) }, '一位负责人与其预警')),
  ],
};
