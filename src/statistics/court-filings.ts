// 万人成讼率 the court can stand behind: the court's own first-instance civil filings of the period (entered by its
// statistician) ÷ its population × 10 000. Where a month's filings were not entered, the rate is missing, never
// computed from the platform's own transfers (those keep their own figure, 转立案万人比（平台）).
import { perTenThousand, type Ratio } from './indicators.js';

interface FiledMonth {
  month: string;
  filings: number;
}

export interface CourtLitigationRate {
  /** 万人成讼率: null (missing) unless every month of the period has its filings entered. */
  litigationPer10k: Ratio | null;
  /** The court's first-instance civil filings over the period, when every month has them. */
  filings: number | null;
  population: number;
  /** The months of the period whose filings were not entered. */
  missingMonths: string[];
  /** In words, for the page and the exports. */
  note: string;
}

export const COURT_LITIGATION_LABEL = '万人成讼率';
export const COURT_LITIGATION_DEFINITION =
  '本院一审民事收案数（统计人员录入）÷ 辖区常住人口 × 10000；未录入的月份显示为缺失';

/** The period's rate from the entered months; missing when a month of it was not entered. */
export function courtLitigationRate(
  months: readonly string[],
  entered: readonly FiledMonth[],
  population: number,
): CourtLitigationRate {
  if (months.length === 0) {
    return { litigationPer10k: null, filings: null, population, missingMonths: [], note: '缺失：本期尚无已结束的月份' };
  }
  const byMonth = new Map(entered.map((e) => [e.month, e.filings]));
  const missingMonths = months.filter((m) => !byMonth.has(m));
  if (missingMonths.length > 0) {
    return {
      litigationPer10k: null,
      filings: null,
      population,
      missingMonths,
      note: `缺失：${missingMonths.join('、')} 的本院一审民事收案数未录入，万人成讼率不计算（不以平台转立案数代替）`,
    };
  }
  const filings = months.reduce((sum, m) => sum + byMonth.get(m)!, 0);
  const rate = perTenThousand(filings, population);
  return {
    litigationPer10k: rate,
    filings,
    population,
    missingMonths,
    note: rate.value === null ? '辖区常住人口未设置，万人成讼率不计算' : `${filings} ÷ ${population} × 10000`,
  };
}
