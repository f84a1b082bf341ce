// The API document's schemas of 同比/环比, the follow-up, 超期 by step and the court's filings.
import {
  arrayOf,
  bool,
  date,
  instant,
  int,
  object,
  openObject,
  str,
  strOrNull,
  uuid,
  type SchemaObject,
} from '../common/http/api-docs.js';

const stepCount = object({ step: str(), label: str(), limit: str('期限'), count: int() }, '一个环节的超期数');

const comparison = (description: string) =>
  openObject(description, {
    kind: str('yearOnYear | previousPeriod'),
    label: str('同比 | 环比'),
    period: str('比较的期间'),
    available: bool('比较期间是否有数据'),
    sameBasis: bool('两期是否按相同程序统计'),
    basisNote: strOrNull('两期口径不同时的说明'),
    figures: arrayOf(openObject('一个指标：本期、比较期、增减、增幅')),
    source: object(
      {
        kind: str('CLOSED（已结账数据，读关账报送的版本）| LIVE（尚未结账，实时计算）| NONE'),
        versions: arrayOf(object({ month: str('YYYY-MM'), version: int() }, '读取的关账版本')),
        note: strOrNull('数据来源的说明，如“上月（2026年10月）为已结账数据（第1版…）”'),
      },
      '比较期间数据的来源',
    ),
  });

/** What GET /statistics/monthly adds for any month. */
export const monthExtrasProperties: Record<string, SchemaObject> = {
  yearOnYear: comparison('同比：去年同月（口径不同时说明）'),
  previousPeriod: comparison('环比：上月'),
  followUp: openObject('已关账月份：该月调解成功案件截至今日的司法确认率、自动履行率（与关账时的比率并列）'),
  overdueBySteps: openObject('月末各环节超期数（本月未结束的，截至此刻）', {
    asOf: instant,
    asOfDate: date(),
    steps: arrayOf(stepCount),
    total: int(),
  }),
  courtLitigation: openObject('万人成讼率：本院一审民事收案数 ÷ 常住人口 × 10000；未录入时为缺失'),
  entryTimeliness: openObject('录入及时率：本月的调解结果、履行情况在关账前录入的比例（合计与按调解员）'),
  changesSinceClose: openObject('已关账月份：关账后补录的调解结果、履行情况（件数与清单）'),
};

export const overdueListSchema = object(
  {
    asOf: instant,
    today: date(),
    steps: arrayOf(stepCount),
    total: int('超期案件数'),
    items: arrayOf(openObject('一件超期案件：环节、案号、案由、期限、超期天数')),
  },
  '今日各环节超期案件',
);

export const filingSchema = object(
  {
    month: str('YYYY-MM'),
    count: int('一审民事收案数'),
    reason: strOrNull(),
    enteredBy: object({ id: uuid, name: str() }),
    enteredAt: instant,
    closedMonth: bool('该月是否已关账'),
  },
  '录入的一审民事收案数',
);

export const filingsYearSchema = object(
  { year: str(), months: arrayOf(openObject('一个月份的一审民事收案数')) },
  '一年各月已录入的一审民事收案数',
);
