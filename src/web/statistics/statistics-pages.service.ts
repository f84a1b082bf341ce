import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { chinaDate } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import { DomainError, RuleViolationError } from '../../common/errors.js';
import { displayedText, INDICATORS } from '../../statistics/indicators.js';
import { MonthlyStatisticsService } from '../../statistics/monthly-statistics.service.js';
import { StatisticsExportService } from '../../statistics/statistics-export.service.js';
import { UpwardReportingService } from '../../statistics/upward-reporting.service.js';
import { CASE_DIFFICULTY_LABELS } from '../../mediation/case-difficulty.js';
import { SubsidiesService } from '../../statistics/subsidies.service.js';
import { SUBSIDY_OUTCOME_LABELS, SUBSIDY_OUTCOMES } from '../../statistics/subsidy-rules.js';
import { WeeklyBulletinService } from '../../statistics/weekly-bulletin.service.js';
import { OverdueService } from '../../statistics/overdue.service.js';
import { OVERDUE_STEP_LABELS, OVERDUE_STEPS, type OverdueStep } from '../../statistics/overdue-steps.js';
import { weeklyFileName, weeklyWorkbook } from '../../statistics/weekly-export.js';
import { XLSX_CONTENT_TYPE } from '../../common/spreadsheet.js';
import { Redirect, View } from '../kit/page-result.js';
import { barsOf, monthsEndingWith, trendLineOf } from './statistics-chart.js';
import { procedureFiguresView } from './procedure-figures-view.js';
import { breakdownOf, DIMENSION_LABELS } from '../../statistics/monthly-export.js';
import { monthExtrasView } from './month-extras-view.js';
import { ownRankingSection } from './own-ranking-view.js';

type ChartBy = 'mediator' | 'organization' | 'institution';
const CHART_BY: readonly ChartBy[] = ['mediator', 'organization', 'institution'];

/** The statistician's pages (审管办): the month's indicators with charts, month close, downloads, weekly bulletin. */
@Injectable()
export class StatisticsPagesService {
  constructor(
    private readonly monthly: MonthlyStatisticsService,
    private readonly exports: StatisticsExportService,
    private readonly weekly: WeeklyBulletinService,
    private readonly upward: UpwardReportingService,
    private readonly subsidies: SubsidiesService,
    private readonly clock: Clock,
    private readonly overdue: OverdueService,
  ) {}

  /** 各环节超期: today's overdue cases, all or of one step. */
  async overduePage(actor: Actor, step?: string) {
    const chosen = (OVERDUE_STEPS as readonly string[]).includes(step ?? '') ? (step as OverdueStep) : undefined;
    return {
      title: '各环节超期案件',
      list: await this.overdue.today(actor, chosen),
      stepLabel: chosen ? OVERDUE_STEP_LABELS[chosen] : null,
    };
  }

  /** The weekly bulletin's workbook for a page session. */
  async downloadWeekly(actor: Actor, week: string) {
    const bulletin = await this.weekly.weekly(actor, week);
    return {
      stream: weeklyWorkbook(bulletin, this.clock.now()),
      fileName: weeklyFileName(bulletin),
      contentType: XLSX_CONTENT_TYPE,
    };
  }

  /** The last whole month (China time): what a statistician reports on. */
  private defaultMonth(): string {
    return monthsEndingWith(chinaDate(this.clock.now()).slice(0, 7), 2)[0];
  }

  async monthlyPage(actor: Actor, month?: string, chartBy?: string, notice?: string, error?: string) {
    // Without a month, the last whole month; a month asked for in the wrong form (400) or not begun (422
    // PERIOD_NOT_STARTED) is refused as the API refuses it, not replaced by another.
    const chosen = month || this.defaultMonth();
    const by: ChartBy = CHART_BY.find((b) => b === chartBy) ?? 'mediator';
    const report = await this.monthly.report(actor, chosen);
    const months = monthsEndingWith(chosen, 12);
    // Closed months from their snapshots; an open month's total alone, without its breakdowns.
    const trend = [];
    for (const m of months) {
      const total = m === chosen ? report.total : await this.monthly.total(actor, m);
      trend.push({ month: m, rate: total.successRate.value, concluded: total.concluded });
    }
    return {
      title: `${chosen} 月分析`,
      month: chosen,
      by,
      byLabel: DIMENSION_LABELS[by],
      report,
      // As the exports write them (the same rounding, money as 50,000.00).
      indicators: INDICATORS.map((d) => ({ ...d, text: displayedText(report.total, d) })),
      // The funnel and the figures per procedure (先行调解, 非诉调解, 诉前调解（2025年前）).
      procedures: procedureFiguresView(report),
      // 同比, 环比, the follow-up after close, 超期 by step, 万人成讼率.
      extras: monthExtrasView(report),
      // Which versions of the month were closed and went up (报送) to the court above, and when.
      versions: report.closed ? (await this.monthly.versions(actor, chosen)).versions : [],
      bars: barsOf(
        breakdownOf(report, by)
          .filter((r) => r.key !== null)
          .map((r) => ({ label: r.label, value: r.settled })),
      ),
      trend: trendLineOf(trend),
      // 赛马比拼: the court's own place under its intermediate court (null without one).
      ownRanking: await ownRankingSection(this.upward, actor, chosen),
      canClose: actor.roles.includes('STATISTICIAN') || actor.roles.includes('ADMIN'),
      nav: { current: 'month', ...(await this.upward.courtPlace(actor.courtId)) },
      // Only a month that has ended can be closed (the service refuses the others).
      monthEnded: chosen < chinaDate(this.clock.now()).slice(0, 7),
      notice: notice ?? null,
      error: error ?? null,
    };
  }

  async close(actor: Actor, month: string, reason: string | undefined, confirmed = true) {
    try {
      if (!confirmed) throw new RuleViolationError('CLOSE_NOT_CONFIRMED', '请先勾选确认，再关账');
      await this.monthly.close(actor, month, { reason: reason?.trim() || undefined });
      return new Redirect(`/statistics?month=${encodeURIComponent(month)}&closed=1`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const page = await this.monthlyPage(actor, month, undefined, undefined, error.message);
      return new View('statistics/monthly', page, error.status);
    }
  }

  download(actor: Actor, month: string, format: string) {
    return this.exports.monthlyFile(actor, { month, format: format === 'csv' ? 'csv' : 'xlsx' });
  }

  /** 以案定补: the month's list per mediator with its lines and totals, as the subsidies API gives it. */
  async subsidiesPage(actor: Actor, month?: string) {
    // A month in the wrong form or not begun is refused (400, 422), as by the API.
    const chosen = month || this.defaultMonth();
    const list = await this.subsidies.subsidies(actor, chosen);
    return {
      title: `${chosen} 补贴清单`,
      month: chosen,
      list,
      outcomes: SUBSIDY_OUTCOMES.map((value) => ({ value, label: SUBSIDY_OUTCOME_LABELS[value] })),
      difficultyLabels: CASE_DIFFICULTY_LABELS,
      lineColumns: subsidyLineColumns(list.mediators.flatMap((m) => m.lines)),
      rateSourceLabel: RATE_SOURCE_LABELS[list.rateSource] ?? '',
    };
  }

  downloadSubsidies(actor: Actor, month: string) {
    return this.exports.subsidiesFile(actor, { month, format: 'xlsx' });
  }

  async weeklyPage(actor: Actor, week?: string) {
    // Without a week, this week; a week that does not exist (400) or has not begun (422) is refused.
    const chosen = week || isoWeekOf(chinaDate(this.clock.now()));
    return { title: `${chosen} 周通报`, bulletin: await this.weekly.weekly(actor, chosen) };
  }
}

const RATE_SOURCE_LABELS: Record<string, string> = {
  COURT: '按本院设定的补贴标准计算',
  CONFIG: '按系统默认补贴标准计算',
  MONTH_CLOSE: '按关账时冻结的补贴标准计算',
};

/** What people call the columns of a subsidy line; a column the service adds later shows under its own label. */
const LINE_COLUMN_LABELS: Record<string, string> = {
  outcome: '结案方式',
  caseType: '案由',
  difficulty: '难易程度',
  cases: '件数',
  rate: '补贴标准（元/件）',
  amount: '金额（元）',
};
const MONEY_COLUMNS = new Set(['rate', 'amount']);

/** Every column the lines have, in the labels' order, then any other the service returns. */
function subsidyLineColumns(lines: readonly object[]): { key: string; label: string; money: boolean }[] {
  const keys = new Set(lines.flatMap((line) => Object.keys(line)));
  const known = Object.keys(LINE_COLUMN_LABELS).filter((key) => keys.has(key));
  const others = [...keys].filter((key) => !(key in LINE_COLUMN_LABELS));
  return [...known, ...others].map((key) => ({
    key,
    label: LINE_COLUMN_LABELS[key] ?? '其他',
    money: MONEY_COLUMNS.has(key),
  }));
}

/** The ISO week (YYYY-Www) of a date. */
function isoWeekOf(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
