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
import { entriesOf, lateEntriesOf, timelinessOf, type EntryTimeliness, type LateEntry } from './late-entries.js';
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

  async of(
    courtId: string,
    period: StatisticsPeriod,
    report: { total: Indicators; closed: boolean },
  ): Promise<MonthExtras> {
    const m = this.dataSource.manager;
    const court = await m.findOneByOrFail(Court, { id: courtId });
    const compare = async (kind: 'yearOnYear' | 'previousPeriod', other: string): Promise<PeriodComparison> => {
      const otherPeriod = monthPeriod(other);
      const found = otherPeriod ? await this.totalAsReported(courtId, otherPeriod) : null;
      return comparePeriods({
        kind,
        legacyUntil: court.legacyUntil,
        current: { name: monthName(period.label), months: [period.label], figures: report.total },
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
    const [yearOnYear, previousPeriod, overdueBySteps, courtLitigation, entries] = await Promise.all([
      compare('yearOnYear', yearBefore(period.label)),
      compare('previousPeriod', previousMonth(period.label)),
      this.overdue.atMonthEnd(m, courtId, period),
      this.filings.rateOf(m, courtId, [period.label]),
      entriesOf(m, courtId, [period.label]),
    ]);
    const extras: MonthExtras = {
      yearOnYear,
      previousPeriod,
      overdueBySteps,
      courtLitigation,
      entryTimeliness: timelinessOf(entries),
    };
    if (report.closed) {
      const late = lateEntriesOf(entries);
      extras.changesSinceClose = { count: late.length, items: late };
      const counts = await followUpCounts(m, courtId, period);
      extras.followUp = followUpOf(counts, report.total, chinaDate(this.clock.now()));
    }
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
