import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Court } from '../courts/court.entity.js';
import { caseTypeNames } from '../intake/case-types.js';
import { MediationConfig } from '../mediation/mediation-config.js';
import { allBreakdowns, type BreakdownRow, type KnownEntries } from './breakdown-rows.js';
import { computeIndicators, type Indicators } from './indicators.js';
import { countIndicators, type Dimension } from './indicator-queries.js';
import { courtDivisions, rosterMediators, rosterOrganizations } from './roster-lists.js';
import type { StatisticsPeriod } from './statistics-period.js';

export interface CourtSummary {
  id: string;
  code: string;
  name: string;
  population: number;
}

/** A period's figures: the court's total and every breakdown. This is what a month close freezes. */
export interface MonthlyFigures {
  court: CourtSummary;
  period: { label: string; from: string; to: string };
  /** The warning window used for 预警数 (config/mediation.json). */
  warningDaysBefore: number;
  /** When the figures were computed (ISO instant). */
  computedAt: string;
  total: Indicators;
  breakdowns: Record<Dimension, BreakdownRow[]>;
}

/** Computes a period's figures from the case data. */
@Injectable()
export class StatisticsFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mediation: MediationConfig,
  ) {}

  /** The figures as the data stands now, read in one snapshot of the database. */
  live(courtId: string, period: StatisticsPeriod): Promise<MonthlyFigures> {
    return this.dataSource.transaction('REPEATABLE READ', (m) => this.compute(m, courtId, period));
  }

  async compute(m: EntityManager, courtId: string, period: StatisticsPeriod): Promise<MonthlyFigures> {
    const court = await m.findOneByOrFail(Court, { id: courtId });
    const counted = await countIndicators(m, courtId, period, this.mediation.warningDaysBefore);
    const known = await knownEntries(m, courtId);
    return {
      court: { id: court.id, code: court.code, name: court.name, population: court.population },
      period: { label: period.label, from: period.firstDay, to: period.lastDay },
      warningDaysBefore: this.mediation.warningDaysBefore,
      computedAt: this.clock.now().toISOString(),
      total: computeIndicators(counted.total, court.population),
      breakdowns: allBreakdowns(counted, known, court.population),
    };
  }
}

/** Every registered mediator and organization, every division, every configured case type. */
async function knownEntries(m: EntityManager, courtId: string): Promise<KnownEntries> {
  const mediators = await rosterMediators(m, courtId);
  const organizations = await rosterOrganizations(m, courtId);
  const divisions = await courtDivisions(m, courtId);
  return {
    mediator: mediators.map((r) => ({ key: r.id, label: r.name, organization: r.organization })),
    organization: organizations.map((r) => ({ key: r.id, label: r.name })),
    caseType: caseTypeNames().map((name) => ({ key: name, label: name })),
    division: divisions.map((r) => ({ key: r.id, label: r.name })),
  };
}
