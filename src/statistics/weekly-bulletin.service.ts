import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import type { BreakdownRow } from './breakdown-rows.js';
import { rankBySettled } from './bulletin-ranking.js';
import { StatisticsFiguresService } from './monthly-figures.js';
import { requireBegun, requireWeek } from './statistics-period.js';
import { weekTitle } from './weekly-title.js';

function rankingEntry(row: BreakdownRow & { rank: number }) {
  return {
    rank: row.rank,
    id: row.key,
    name: row.label,
    ...(row.organization !== undefined ? { organization: row.organization } : {}),
    settled: row.settled,
    concluded: row.concluded,
    successRate: row.successRate,
    referrals: row.referrals,
    overdue: row.overdue,
  };
}

/** 周通报: the ISO week's new, concluded and settled cases, the overdue at its end, and the rankings. */
@Injectable()
export class WeeklyBulletinService {
  constructor(
    private readonly figures: StatisticsFiguresService,
    private readonly clock: Clock,
  ) {}

  /** The week's bulletin: 400 WEEK_INVALID for a week that does not exist, 422 PERIOD_NOT_STARTED for one ahead. */
  async weekly(actor: Actor, week: string) {
    const period = requireWeek(week);
    requireBegun(period, weekTitle(period), this.clock.now());
    const figures = await this.figures.live(actor.courtId, period);
    // People are ranked, not the row of cases nobody was assigned.
    const ranked = (rows: BreakdownRow[]) => rankBySettled(rows.filter((r) => r.key !== null)).map(rankingEntry);
    return {
      court: figures.court,
      week,
      title: weekTitle(period),
      period: { from: period.firstDay, to: period.lastDay },
      computedAt: figures.computedAt,
      newCases: figures.total.referrals,
      concluded: figures.total.concluded,
      settled: figures.total.settled,
      successRate: figures.total.successRate,
      overdue: figures.total.overdue,
      warning: figures.total.warning,
      rankings: {
        mediators: ranked(figures.breakdowns.mediator),
        organizations: ranked(figures.breakdowns.organization),
      },
    };
  }
}
