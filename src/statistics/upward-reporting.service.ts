// Figures that travel upward and across (报送, 季调度, 赛马比拼, 调处成功率监测考评), all from frozen months:
// a quarter or a year is the sum of its closed months, so it never disagrees with them; an intermediate court
// sees only what its basic courts submitted when closing (never a case row) and rolls up only that.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { NotFoundError, RuleViolationError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { MIN_CONCLUDED_FOR_RANK, rankAll, type Contender } from './court-ranking.js';
import type { Indicators } from './indicators.js';
import {
  endedMonths,
  periodName,
  requireReportingPeriod,
  requireStarted,
  type ReportingPeriod,
} from './reporting-period.js';
import type { PeriodTable } from './period-export.js';
import { comparedPeriod } from './period-extras.js';
import { sumBreakdown, type PeriodBreakdown } from './period-breakdowns.js';
import { DIMENSIONS, type Dimension } from './indicator-queries.js';
import { requireMonth } from './statistics-period.js';
import type { PeriodComparison } from './period-comparison.js';
import { sumCourts, sumCourtsByProcedure, sumMonths, sumMonthsByProcedure, type FrozenByProcedure } from './rollup.js';
import { StatisticsQueries } from './statistics-queries.js';
import { UpwardReportingQueries, type LatestSnapshot, type MonthVersion } from './upward-reporting-queries.js';

interface CourtRef {
  id: string;
  code: string;
  name: string;
}

/** One frozen month of a court as it was submitted (its latest version), with every version's facts. */
interface SubmittedMonth {
  month: string;
  version: number;
  closedAt: string;
  closedBy: string;
  /** Every version of the month, oldest first: a correction is a later version with its reason. */
  versions: MonthVersion[];
  total: Indicators;
  /** Per procedure; absent for a month closed before they were counted. */
  byProcedure?: FrozenByProcedure;
}

/** A court's figures for a period, from its frozen months. */
interface CourtPeriod {
  court: CourtRef;
  /** The months of the period that have ended (only they can be closed). */
  monthsDue: string[];
  months: SubmittedMonth[];
  /** Ended months not closed (not submitted, for an intermediate court's view). */
  missing: string[];
  /** Every ended month is there: only then is the court in a roll-up. */
  complete: boolean;
  total: Indicators;
  /** Per procedure, summed over the months; absent when one of them was closed before they were counted. */
  byProcedure?: FrozenByProcedure;
}

const periodView = (period: ReportingPeriod) => ({
  label: period.label,
  kind: period.kind,
  name: periodName(period),
  months: period.months,
});

const notAParent = () =>
  new RuleViolationError('NOT_AN_INTERMEDIATE_COURT', '本院没有下级法院：汇总、比拼和监测由中级法院的统计人员查看');

@Injectable()
export class UpwardReportingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: UpwardReportingQueries,
    private readonly statistics: StatisticsQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The period of a request: in the right form (400) and begun (422). */
  private startedPeriod(label: string | undefined): ReportingPeriod {
    return requireStarted(requireReportingPeriod(label), this.clock.now());
  }

  /** Whether the court has basic courts under it and a court above it (the upward pages it has). */
  async courtPlace(courtId: string): Promise<{ intermediate: boolean; hasParent: boolean }> {
    const row = await this.queries.courtPlace(courtId);
    return { intermediate: Boolean(row?.intermediate), hasParent: Boolean(row?.hasParent) };
  }

  /**
   * 季调度 / 年度: the actor's own court over a quarter or a year, month by month; with `by`, one breakdown of
   * it summed over the same closed months (as GET /statistics/monthly gives the month's).
   */
  async courtPeriod(actor: Actor, label: string | undefined, by?: Dimension) {
    const answer = await this.courtPeriodTotals(actor, label);
    if (!by) return answer;
    const [breakdown] = await this.periodBreakdowns(answer.court.id, answer.months, [by]);
    return { ...answer, breakdown };
  }

  /** Every breakdown of the court's closed months, each summed over them. */
  private async periodBreakdowns(
    courtId: string,
    months: SubmittedMonth[],
    dimensions: readonly Dimension[],
  ): Promise<PeriodBreakdown[]> {
    // The versions the total is made of, not whatever is latest by now.
    const rows = await this.queries.frozenBreakdowns(courtId, months);
    return dimensions.map((by) => sumBreakdown(by, rows));
  }

  private async courtPeriodTotals(actor: Actor, label: string | undefined) {
    const period = this.startedPeriod(label);
    const court = await this.queries.court(actor.courtId);
    const due = endedMonths(period, this.clock.now());
    const load = async (months: string[], ended: string[]) =>
      courtPeriodOf(courtRef(court), ended, await this.queries.latestSnapshots({ courtIds: [court.id] }, months));
    const own = await load(period.months, due);
    const current = { months: due, total: own.total };
    const now = this.clock.now();
    const [yearOnYear, previousPeriod, courtLitigation] = await Promise.all([
      comparedPeriod(load, court, period, current, 'yearOnYear', now),
      comparedPeriod(load, court, period, current, 'previousPeriod', now),
      this.statistics.litigationRate(court.id, due),
    ]);
    return {
      period: periodView(period),
      ...own,
      yearOnYear: yearOnYear.comparison,
      previousPeriod: previousPeriod.comparison,
      courtLitigation,
      comparedTotals: { yearOnYear: yearOnYear.total, previousPeriod: previousPeriod.total },
    };
  }

  /**
   * 报送记录 of the actor's court: for each of `months`, every version closed, when and by whom, and the court it
   * went up to (none for a court without a court above, or a month closed before it had one).
   */
  async submissions(actor: Actor, months: readonly string[]) {
    const rows = await this.queries.submissions(actor.courtId, months);
    return months.map((month) => ({
      month,
      versions: rows
        .filter((r) => r.month === month)
        .map((r) => ({
          version: r.version,
          closedAt: r.closed_at.toISOString(),
          closedBy: r.closed_by_name,
          reason: r.reason,
          submittedTo: r.submitted_to,
        })),
    }));
  }

  /** 报送与汇总: each basic court's submitted months, who has not submitted, and the roll-up. */
  async rollup(actor: Actor, label: string | undefined) {
    const period = this.startedPeriod(label);
    const { parent, children, courts } = await this.periodOfChildren(actor.courtId, period);
    const included = courts.filter((c) => c.complete);
    return {
      period: periodView(period),
      court: courtRef(parent),
      courts,
      missing: courts.filter((c) => !c.complete).map((c) => ({ court: c.court, months: c.missing })),
      rollup: {
        courts: included.map((c) => c.court.code),
        total: sumCourts(included.map((c) => c.total)),
        byProcedure: sumCourtsByProcedure(included.map((c) => c.byProcedure)),
        trend: period.months.map((month) => ({
          month,
          total: sumCourts(included.flatMap((c) => c.months.filter((m) => m.month === month).map((m) => m.total))),
        })),
      },
      childCount: children.length,
    };
  }

  /** 赛马比拼: the basic courts ranked on each indicator, and the mediation organizations across them. */
  async ranking(actor: Actor, label: string | undefined) {
    const period = this.startedPeriod(label);
    const previousPeriod = requireReportingPeriod(period.previous);
    const { now, before, courts } = await this.courtsRanked(actor.courtId, period, previousPeriod);
    const [organizations, organizationsBefore] = await Promise.all([
      this.breakdownAcrossCourts(now, period, 'organization'),
      this.breakdownAcrossCourts(before, previousPeriod, 'organization'),
    ]);
    const organizationsPrevious = new Map(organizationsBefore.map((o) => [o.id, o.figures]));
    return {
      period: periodView(period),
      previousPeriod: periodView(previousPeriod),
      minConcludedForRank: MIN_CONCLUDED_FOR_RANK,
      courts,
      organizations: rankAll(organizations.map((o) => ({ ...o, previous: organizationsPrevious.get(o.id) ?? null }))),
      notRanked: now.courts.filter((c) => !c.complete).map((c) => ({ court: c.court, months: c.missing })),
    };
  }

  /**
   * 赛马比拼 as a basic court sees it: for a closed month, its own place on each indicator among the basic courts
   * of its intermediate court (第N名/共M家, M the courts ranked on that indicator) and its own figures. No other
   * court's name or figures: there is no publishing of the comparison by the court above.
   */
  async ownRanking(actor: Actor, month: string | undefined) {
    const period = this.startedPeriod(requireMonth(month ?? '').label);
    const court = await this.queries.court(actor.courtId);
    if (!court.parentCourtId) {
      throw new NotFoundError(
        'NO_PARENT_COURT',
        '本院没有上级法院，不参加赛马比拼：排名由中级法院在其下级法院之间比较',
      );
    }
    if (endedMonths(period, this.clock.now()).length === 0) {
      throw new RuleViolationError('MONTH_NOT_ENDED', '该月尚未结束：关账并报送后才有排名');
    }
    const parent = await this.queries.court(court.parentCourtId);
    const { now, courts } = await this.courtsRanked(parent.id, period, requireReportingPeriod(period.previous));
    const own = now.courts.find((c) => c.court.id === court.id);
    if (!own?.complete) {
      throw new RuleViolationError(
        'MONTH_NOT_SUBMITTED',
        `本院${periodName(period)}尚未关账报送至${parent.name}：关账后才参加排名`,
      );
    }
    return {
      period: periodView(period),
      court: courtRef(court),
      parentCourt: courtRef(parent),
      /** The courts of the comparison: those that submitted the month. */
      compared: now.courts.filter((c) => c.complete).length,
      minConcludedForRank: MIN_CONCLUDED_FOR_RANK,
      indicators: courts.map((ranking) => {
        const mine = ranking.standings.find((s) => s.id === court.id)!;
        return {
          key: ranking.key,
          label: ranking.label,
          better: ranking.better,
          rank: mine.rank,
          rankedCourts: ranking.standings.filter((s) => s.rank !== null).length,
          value: mine.value,
          concluded: mine.concluded,
          smallSample: mine.smallSample,
          previousValue: mine.previousValue,
          change: mine.change,
          previousRank: mine.previousRank,
        };
      }),
      version: own.months[0].version,
      total: own.total,
    };
  }

  /** The complete basic courts under `parentId` ranked on each indicator of `period`, against `previousPeriod`. */
  private async courtsRanked(parentId: string, period: ReportingPeriod, previousPeriod: ReportingPeriod) {
    const [now, before] = await Promise.all([
      this.periodOfChildren(parentId, period),
      this.periodOfChildren(parentId, previousPeriod),
    ]);
    const previousOf = new Map(before.courts.filter((c) => c.complete).map((c) => [c.court.id, c.total]));
    const contenders: Contender[] = now.courts
      .filter((c) => c.complete)
      .map((c) => ({
        id: c.court.id,
        label: c.court.name,
        figures: c.total,
        previous: previousOf.get(c.court.id) ?? null,
      }));
    return { now, before, courts: rankAll(contenders) };
  }

  /** 调处成功率监测考评: each basic court's success rate against its target, and who is below it. */
  async monitoring(actor: Actor, label: string | undefined) {
    const period = this.startedPeriod(label);
    const children = await this.periodOfChildren(actor.courtId, period);
    const targets = new Map(children.children.map((c) => [c.id, c.successRateTarget]));
    const [mediators, organizations] = await Promise.all([
      this.breakdownAcrossCourts(children, period, 'mediator'),
      this.breakdownAcrossCourts(children, period, 'organization'),
    ]);
    const below = (rows: Awaited<ReturnType<UpwardReportingService['breakdownAcrossCourts']>>) =>
      rows
        .map((row) => ({ ...row, target: targets.get(row.courtId) ?? null }))
        .filter((row) => row.target !== null && row.figures.concluded > 0)
        .filter((row) => (row.figures.successRate.value ?? 0) < row.target!)
        .map((row) => ({
          id: row.id,
          label: row.label,
          court: row.court,
          target: row.target,
          concluded: row.figures.concluded,
          settled: row.figures.settled,
          successRate: row.figures.successRate,
          smallSample: row.figures.concluded < MIN_CONCLUDED_FOR_RANK,
        }));
    return {
      period: periodView(period),
      courts: children.courts.map((c) => {
        const target = targets.get(c.court.id) ?? null;
        const rate = c.total.successRate.value;
        return {
          court: c.court,
          complete: c.complete,
          missing: c.missing,
          target,
          successRate: c.total.successRate,
          concluded: c.total.concluded,
          meetsTarget: target === null || rate === null ? null : rate >= target,
        };
      }),
      mediatorsBelow: below(mediators),
      organizationsBelow: below(organizations),
    };
  }

  /** The court's quarter or year as a file: the period's total, then each frozen month. */
  async courtPeriodTable(actor: Actor, label: string | undefined): Promise<PeriodTable> {
    const answer = await this.courtPeriodTotals(actor, label);
    const breakdowns = await this.periodBreakdowns(answer.court.id, answer.months, DIMENSIONS);
    return {
      title: `${answer.court.name} ${answer.period.name} 统计（由已关账月份汇总）`,
      facts: [
        ['法院', `${answer.court.name}（${answer.court.code}）`],
        ['已计入月份', answer.months.map((m) => `${m.month} 第${m.version}版`).join('、') || '无'],
        ['未关账月份', answer.missing.join('、') || '无'],
        ...comparisonFacts(answer.yearOnYear),
        ...comparisonFacts(answer.previousPeriod),
        ['万人成讼率', answer.courtLitigation.litigationPer10k?.value?.toFixed(2) ?? '缺失'],
        ['万人成讼率说明', answer.courtLitigation.note],
      ],
      columns: [
        { label: answer.period.name, figures: answer.total, byProcedure: answer.byProcedure },
        ...comparedColumn(answer.yearOnYear, answer.comparedTotals.yearOnYear),
        ...comparedColumn(answer.previousPeriod, answer.comparedTotals.previousPeriod),
        ...answer.months.map((m) => ({ label: m.month, figures: m.total, byProcedure: m.byProcedure })),
      ],
      breakdowns: breakdowns.map((b) => ({ ...b, total: answer.total })),
    };
  }

  /** The roll-up as a file: the sum first, then each basic court that submitted every month. */
  async rollupTable(actor: Actor, label: string | undefined): Promise<PeriodTable> {
    const answer = await this.rollup(actor, label);
    const included = answer.courts.filter((c) => c.complete);
    return {
      title: `${answer.court.name} ${answer.period.name} 辖区汇总（仅含已报送的关账数据）`,
      facts: [
        ['汇总法院', included.map((c) => c.court.name).join('、') || '无'],
        [
          '未报送',
          answer.missing.map((m) => `${m.court.name}（${m.months.join('、') || '期间未结束'}）`).join('；') || '无',
        ],
        ['口径', '数量相加；比率由相加后的分子、分母重新计算，不取平均；万人成讼率以各院常住人口之和为分母'],
      ],
      columns: [
        { label: '汇总', figures: answer.rollup.total, byProcedure: answer.rollup.byProcedure },
        ...included.map((c) => ({ label: c.court.name, figures: c.total, byProcedure: c.byProcedure })),
      ],
    };
  }

  /** The court above sets a basic court's target success rate (0..1, or null to clear it). */
  async setTarget(actor: Actor, courtId: string, successRate: number | null) {
    if (!isUuid(courtId)) throw new NotFoundError('COURT_NOT_FOUND', '下级法院不存在');
    return this.dataSource.transaction(async (m) => {
      const court = await m.findOne(Court, { where: { id: courtId }, lock: { mode: 'pessimistic_write' } });
      if (!court || court.parentCourtId !== actor.courtId) {
        throw new NotFoundError('COURT_NOT_FOUND', '下级法院不存在');
      }
      const before = { successRateTarget: court.successRateTarget };
      court.successRateTarget = successRate;
      await m.save(court);
      await this.audit.record(m, actor, {
        subjectType: 'COURT',
        subjectId: court.id,
        action: 'COURT_TARGET_SET',
        before,
        after: { successRateTarget: successRate },
      });
      return { court: courtRef(court), successRateTarget: successRate };
    });
  }

  /** The court `parentId` with its basic courts and their submitted months of `period`. */
  private async periodOfChildren(parentId: string, period: ReportingPeriod) {
    const parent = await this.queries.court(parentId);
    const children = await this.queries.childCourts(parent.id);
    if (children.length === 0) throw notAParent();
    const due = endedMonths(period, this.clock.now());
    const rows = await this.queries.latestSnapshots({ submittedTo: parent.id }, period.months);
    const courts = children.map((child) =>
      courtPeriodOf(
        courtRef(child),
        due,
        rows.filter((r) => r.court_id === child.id),
      ),
    );
    return { parent, children, courts, due };
  }

  /**
   * Mediator or organization rows of the complete courts' frozen months, each summed over the period; labelled
   * with their court, since a roster belongs to one court.
   */
  private async breakdownAcrossCourts(
    of: { courts: CourtPeriod[]; parent: Court },
    period: ReportingPeriod,
    dimension: 'mediator' | 'organization',
  ) {
    const complete = of.courts.filter((c) => c.complete && c.months.length > 0);
    if (complete.length === 0) return [];
    const rows = await this.queries.submittedBreakdowns(
      of.parent.id,
      period.months,
      dimension,
      complete.map((c) => c.court.id),
    );
    const byEntry = new Map<
      string,
      { courtId: string; court: CourtRef; id: string; label: string; months: Indicators[] }
    >();
    for (const snapshot of rows.sort((a, b) => a.month.localeCompare(b.month))) {
      const court = complete.find((c) => c.court.id === snapshot.court_id)!.court;
      for (const row of snapshot.rows ?? []) {
        if (row.key === null) continue;
        const id = `${court.id}:${row.key}`;
        const entry = byEntry.get(id) ?? {
          courtId: court.id,
          court,
          id,
          label: `${row.label}（${court.name}）`,
          months: [],
        };
        entry.months.push(row);
        byEntry.set(id, entry);
      }
    }
    return [...byEntry.values()].map((e) => ({
      id: e.id,
      courtId: e.courtId,
      court: e.court,
      label: e.label,
      figures: sumMonths(e.months),
    }));
  }
}

/** The facts a file states about a comparison: its period, and its basis in words. */
const comparisonFacts = (c: PeriodComparison): [string, string][] => [
  [`${c.label}期间`, c.available ? c.period : `${c.period}（无可比数据：${c.unavailableReason}）`],
  [`${c.label}口径`, c.basisNote ?? '两期按相同程序统计'],
  [`${c.label}数据来源`, c.source.note ?? '无'],
];

/** The compared period's total as a column, when it is there. */
const comparedColumn = (c: PeriodComparison, total: Indicators | null) =>
  total ? [{ label: `${c.label}：${c.period}`, figures: total }] : [];

const courtRef = (court: Court): CourtRef => ({ id: court.id, code: court.code, name: court.name });

function courtPeriodOf(court: CourtRef, due: string[], rows: LatestSnapshot[]): CourtPeriod {
  const months: SubmittedMonth[] = rows
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((r) => ({
      month: r.month,
      version: r.version,
      closedAt: r.closed_at.toISOString(),
      closedBy: r.closed_by_name,
      versions: r.versions,
      total: r.total,
      ...(r.by_procedure ? { byProcedure: r.by_procedure } : {}),
    }));
  const closed = new Set(months.map((m) => m.month));
  const missing = due.filter((month) => !closed.has(month));
  return {
    court,
    monthsDue: due,
    months,
    missing,
    complete: missing.length === 0 && due.length > 0,
    total: sumMonths(months.map((m) => m.total)),
    byProcedure: sumMonthsByProcedure(months.map((m) => m.byProcedure)),
  };
}
