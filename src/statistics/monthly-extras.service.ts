// What a month's figures carry besides the frozen (or live) report: 同比 and 环比, the follow-up of a closed
// month's rates (截至今日), 超期 by step at the month's end, and 万人成讼率 from the court's entered filings. None of
// it is frozen at the close: each is read as the data stands when asked.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { Court } from '../courts/court.entity.js';
import type { CourtLitigationRate } from './court-filings.js';
import { FilingsService } from './filings.service.js';
import { followUpCounts, followUpOf, type FollowUp } from './follow-up.js';
import type { Indicators } from './indicators.js';
import {
  entriesOf,
  entryCountsOf,
  lateEntriesOf,
  timelinessOf,
  type EntryTimeliness,
  type LateEntry,
} from './late-entries.js';
import { StatisticsFiguresService } from './monthly-figures.js';
import { OverdueService, type OverdueAtEnd } from './overdue.service.js';
import { comparePeriods, yearBefore, type ComparedSource, type PeriodComparison } from './period-comparison.js';
import { periodName, reportingPeriod } from './reporting-period.js';
import { monthPeriod, type StatisticsPeriod } from './statistics-period.js';

export interface MonthExtras {
  yearOnYear: PeriodComparison;
  previousPeriod: PeriodComparison;
  /** Only for a closed month. */
  followUp?: FollowUp;
  overdueBySteps: OverdueAtEnd;
  courtLitigation: CourtLitigationRate;
  /** 录入及时率 of the month's outcomes and performances, per mediator. */
  entryTimeliness: EntryTimeliness;
  /** A closed month: the outcomes and performances entered into it after it closed ("N changes since close"). */
  changesSinceClose?: { count: number; items: LateEntry[] };
}

const monthName = (month: string) => periodName(reportingPeriod(month)!);
const previousMonth = (month: string) => reportingPeriod(month)!.previous;

@Injectable()
export class MonthlyExtrasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: StatisticsFiguresService,
    private readonly filings: FilingsService,
    private readonly overdue: OverdueService,
    private readonly clock: Clock,
  ) {}

  /**
   * The extras of a month whose report is `closed` or not, beside its total. Every read here is independent of the
   * report's own figures, so they all start at once, each on a connection of its own, while `total` may still be
   * being computed (a live month's figures, in their own snapshot: the extras were never read in it, see the top);
   * only the comparisons wait for it.
   */
  async of(
    courtId: string,
    period: StatisticsPeriod,
    closed: boolean,
    total: Indicators | Promise<Indicators>,
  ): Promise<MonthExtras> {
    const m = this.dataSource.manager;
    const court = m.findOneByOrFail(Court, { id: courtId });
    const otherTotal = async (other: string) => {
      const otherPeriod = monthPeriod(other);
      return { otherPeriod, found: otherPeriod ? await this.totalAsReported(courtId, otherPeriod) : null };
    };
    const compare = async (
      kind: 'yearOnYear' | 'previousPeriod',
      other: string,
      read: ReturnType<typeof otherTotal>,
    ): Promise<PeriodComparison> => {
      const [{ otherPeriod, found }, { legacyUntil }, figures] = await Promise.all([read, court, total]);
      return comparePeriods({
        kind,
        legacyUntil,
        current: { name: monthName(period.label), months: [period.label], figures },
        other: {
          label: other,
          name: monthName(other),
          months: [other],
          figures: found?.total ?? null,
          source: found?.source,
          unavailableReason: otherPeriod ? '该月尚未开始' : '超出可统计的年份',
        },
      });
    };
    const sameMonthLastYear = yearBefore(period.label);
    const previous = previousMonth(period.label);
    const [yearOnYear, previousPeriod, overdueBySteps, courtLitigation, entryCounts, lateRows, followUp] =
      await Promise.all([
        compare('yearOnYear', sameMonthLastYear, otherTotal(sameMonthLastYear)),
        compare('previousPeriod', previous, otherTotal(previous)),
        this.overdue.atMonthEnd(m, courtId, period),
        this.filings.rateOf(m, courtId, [period.label]),
        entryCountsOf(m, courtId, [period.label]),
        closed ? entriesOf(m, courtId, [period.label]) : null,
        closed
          ? Promise.all([followUpCounts(m, courtId, period), total]).then(([counts, frozen]) =>
              followUpOf(counts, frozen, chinaDate(this.clock.now())),
            )
          : null,
      ]);
    const extras: MonthExtras = {
      yearOnYear,
      previousPeriod,
      overdueBySteps,
      courtLitigation,
      entryTimeliness: timelinessOf(entryCounts),
    };
    if (lateRows) {
      const late = lateEntriesOf(lateRows);
      extras.changesSinceClose = { count: late.length, items: late };
    }
    if (followUp) extras.followUp = followUp;
    return extras;
  }

  /**
   * A month's total as compared: a closed month's official figures (its latest version, the one reported upward),
   * never recomputed, so a correction of its cases after the close does not move the comparison; an open month
   * computed live; null for a month not begun.
   */
  async totalAsReported(
    courtId: string,
    period: StatisticsPeriod,
  ): Promise<{ total: Indicators; source: Pick<ComparedSource, 'kind' | 'versions'> } | null> {
    const [snapshot]: { total: Indicators; version: number }[] = await this.dataSource.query(
      `SELECT figures->'total' AS total, version FROM statistics_snapshots WHERE court_id = $1 AND month = $2
        ORDER BY version DESC LIMIT 1`,
      [courtId, period.label],
    );
    if (snapshot) {
      const versions = [{ month: period.label, version: snapshot.version }];
      return { total: snapshot.total, source: { kind: 'CLOSED', versions } };
    }
    if (this.clock.now().getTime() < period.start.getTime()) return null;
    const live = await this.figures.liveWith(courtId, period, []);
    return { total: live.total, source: { kind: 'LIVE', versions: [] } };
  }
}
