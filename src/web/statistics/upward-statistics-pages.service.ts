import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { chinaDate } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors.js';
import { INDICATORS } from '../../statistics/indicators.js';
import { monthColumnsOf } from './quarter-month-columns.js';
import { breakdownChosen, periodBreakdownView } from './period-breakdown-view.js';
import { reportingPeriod, requireReportingPeriod, requireStarted } from '../../statistics/reporting-period.js';
import { UpwardReportingService } from '../../statistics/upward-reporting.service.js';
import type { FormFields } from '../kit/form-body.js';
import { textField } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';
import { barsOf, monthsEndingWith } from './statistics-chart.js';
import { requireMonth } from '../../statistics/statistics-period.js';
import { ownRankingSection } from './own-ranking-view.js';
import { changeText, indicatorText } from './upward-statistics-format.js';
import { comparisonView } from './comparison-view.js';
import { litigationView } from './month-extras-view.js';

const kindOf = (key: string) => INDICATORS.find((d) => d.key === key)!.kind;

/** The pages' figure helpers: one rounding everywhere. */
const figureHelpers = {
  show: (key: string, figure: number | string | { value: number | null }) => indicatorText(kindOf(key), figure),
  change: (key: string, change: number | null) => changeText(kindOf(key), change),
};

/** A percentage as people type it (`85`, `85.5`, `85%`) into a share 0..1; null when empty; undefined when bad. */
function targetShareOf(text: string | undefined): number | null | undefined {
  const value = (text ?? '').trim().replace(/[%％]$/, '');
  if (value === '') return null;
  if (value.length > 8 || !/^\d{1,3}(\.\d{1,2})?$/.test(value)) return undefined;
  const percent = Number(value);
  return percent <= 100 ? Math.round(percent * 100) / 10_000 : undefined;
}

/** 审管办 of an intermediate court and of a basic court: 季调度, 辖区汇总, 赛马比拼, 监测考评. */
@Injectable()
export class UpwardStatisticsPagesService {
  constructor(
    private readonly reporting: UpwardReportingService,
    private readonly clock: Clock,
  ) {}

  /** The last quarter that has ended (China time): what a quarterly review is about. */
  private lastQuarter(): string {
    const [year, month] = chinaDate(this.clock.now()).slice(0, 7).split('-').map(Number);
    const quarter = Math.floor((month - 1) / 3);
    return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
  }

  /** The periods offered in the chooser: this year's and last year's quarters, both years, the last 12 months. */
  private choices(chosen: string) {
    const today = chinaDate(this.clock.now());
    const year = Number(today.slice(0, 4));
    const options: { value: string; label: string }[] = [];
    for (const y of [year, year - 1]) {
      for (let q = 4; q >= 1; q--) {
        const label = `${y}-Q${q}`;
        if (reportingPeriod(label)!.months[0] <= today.slice(0, 7))
          options.push({ value: label, label: `${y}年第${q}季度` });
      }
      options.push({ value: String(y), label: `${y}年度` });
    }
    const [y, m] = today.slice(0, 7).split('-').map(Number);
    for (let i = 1; i <= 12; i++) {
      const index = y * 12 + (m - 1) - i;
      const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
      options.push({ value: month, label: `${month.slice(0, 4)}年${Number(month.slice(5))}月` });
    }
    if (!options.some((o) => o.value === chosen)) options.unshift({ value: chosen, label: chosen });
    return options;
  }

  private async frame(actor: Actor, page: string, period: string | undefined) {
    // Without a period, the last ended quarter; one in the wrong form (400 PERIOD_INVALID) or not begun (422
    // PERIOD_NOT_STARTED) is refused as the API refuses it, not replaced by another.
    if (period) requireStarted(requireReportingPeriod(period), this.clock.now());
    const chosen = period || this.lastQuarter();
    return {
      chosen,
      choices: this.choices(chosen),
      nav: { current: page, ...(await this.reporting.courtPlace(actor.courtId)) },
      indicators: INDICATORS,
      f: figureHelpers,
    };
  }

  async quarterPage(actor: Actor, period?: string, by?: string) {
    const frame = await this.frame(actor, 'quarter', period);
    const data = await this.reporting.courtPeriod(actor, frame.chosen, breakdownChosen(by));
    return {
      ...frame,
      title: `${data.period.name} 统计`,
      data,
      monthColumns: monthColumnsOf(data),
      breakdown: 'breakdown' in data ? periodBreakdownView(data.breakdown, data.total) : null,
      // 同比 and 环比 as the month page shows them (its ended months against the same months of the others).
      comparison: comparisonView(data.yearOnYear, data.previousPeriod, {
        months: data.monthsDue.length,
        of: data.period.months.length,
      }),
      litigation: litigationView(data.courtLitigation),
    };
  }

  /**
   * 报送与本院名次: which of the last 12 ended months were closed and went up, when and by whom (each version),
   * and the court's own place in its intermediate court's comparison for one of them (the latest closed one
   * unless another is asked for).
   */
  async submissionsPage(actor: Actor, month?: string) {
    const current = chinaDate(this.clock.now()).slice(0, 7);
    const months = monthsEndingWith(current, 13).slice(0, 12).reverse();
    const [submissions, place] = await Promise.all([
      this.reporting.submissions(actor, months),
      this.reporting.courtPlace(actor.courtId),
    ]);
    const latestClosed = submissions.find((s) => s.versions.length > 0)?.month;
    // A month asked for in the wrong form (400) or not begun (422) is refused; a running one says it has not ended.
    if (month) requireStarted(reportingPeriod(requireMonth(month).label)!, this.clock.now());
    const chosen = month || (latestClosed ?? months[0]);
    return {
      title: '报送与本院名次',
      chosen,
      submissions: submissions.map((s) => ({ ...s, latest: s.versions.at(-1) ?? null })),
      nav: { current: 'submissions', ...place },
      ownRanking: await ownRankingSection(this.reporting, actor, chosen),
    };
  }

  async rollupPage(actor: Actor, period?: string) {
    const frame = await this.frame(actor, 'rollup', period);
    return this.orNotIntermediate(frame, '辖区汇总', async () => {
      const data = await this.reporting.rollup(actor, frame.chosen);
      return { title: `${data.period.name} 辖区汇总`, data };
    });
  }

  async rankingPage(actor: Actor, period?: string) {
    const frame = await this.frame(actor, 'ranking', period);
    return this.orNotIntermediate(frame, '赛马比拼', async () => {
      const data = await this.reporting.ranking(actor, frame.chosen);
      const charts = data.courts.map((r) => ({
        key: r.key,
        label: r.label,
        bars: barsOf(
          r.standings.filter((s) => s.value !== null).map((s) => ({ label: s.label, value: s.value! })),
          20,
        ).map((b) => ({ ...b, text: indicatorText(kindOf(r.key), { value: b.value }) })),
      }));
      return { title: `${data.period.name} 赛马比拼`, data, charts };
    });
  }

  async monitoringPage(actor: Actor, period?: string, notice?: string, error?: string) {
    const frame = await this.frame(actor, 'monitoring', period);
    return this.orNotIntermediate(frame, '监测考评', async () => {
      const data = await this.reporting.monitoring(actor, frame.chosen);
      return { title: `${data.period.name} 调处成功率监测考评`, data, notice: notice ?? null, error: error ?? null };
    });
  }

  async setTarget(actor: Actor, fields: FormFields) {
    const period = textField(fields, 'period');
    const share = targetShareOf(textField(fields, 'target'));
    const back = (query: string) => `/statistics/monitoring?period=${encodeURIComponent(period ?? '')}&${query}`;
    if (share === undefined) {
      const page = await this.monitoringPage(
        actor,
        period,
        undefined,
        '目标成功率应为 0 至 100 之间的百分数，最多两位小数，例如 85',
      );
      return new View('statistics/monitoring', page, 400);
    }
    try {
      await this.reporting.setTarget(actor, textField(fields, 'courtId') ?? '', share);
      return new Redirect(back('saved=1'));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return new View(
        'statistics/monitoring',
        await this.monitoringPage(actor, period, undefined, error.message),
        error.status,
      );
    }
  }

  async download(actor: Actor, which: 'quarter' | 'rollup', period: string, format: string) {
    const table =
      which === 'quarter'
        ? await this.reporting.courtPeriodTable(actor, period)
        : await this.reporting.rollupTable(actor, period);
    return { table, format: format === 'csv' ? ('csv' as const) : ('xlsx' as const) };
  }

  /** A basic court's statistician opening an intermediate court's page gets the page with a plain explanation. */
  private async orNotIntermediate<T extends object>(
    frame: { nav: { intermediate: boolean } },
    name: string,
    build: () => Promise<T>,
  ) {
    if (!frame.nav.intermediate) {
      return {
        ...frame,
        title: name,
        data: null,
        notIntermediate: `${name}由中级法院的审管办查看：本院没有下级法院。本院的季度和年度统计见“季调度”。`,
      };
    }
    return { ...frame, notIntermediate: null, ...(await build()) };
  }
}
