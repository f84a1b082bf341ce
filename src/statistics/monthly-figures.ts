import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { Court } from '../courts/court.entity.js';
import { caseTypeNames } from '../cases/case-types.js';
import { MediationConfig } from '../mediation/mediation-config.js';
import { breakdownRows, type BreakdownRow, type KnownEntry } from './breakdown-rows.js';
import type { Procedure } from '../cases/procedure.js';
import {
  byProcedureOf,
  computeIndicators,
  computeProcedureFigures,
  funnelOf,
  zeroCounts,
  zeroStepCounts,
  type Funnel,
  type Indicators,
  type ProcedureFigures,
} from './indicators.js';
import { allProcedures } from './rollup.js';
import { countIndicators, DIMENSIONS, type Dimension } from './indicator-queries.js';
import { courtDivisions, rosterMediators, rosterOrganizations } from './roster-lists.js';
import { applicantInstitutions } from './institutions.js';
import type { StatisticsPeriod } from './statistics-period.js';

interface CourtSummary {
  id: string;
  code: string;
  name: string;
  population: number;
}

/**
 * A period's figures: the court's total, its funnel (收案数 to 同意数, of every procedure together), each
 * procedure's figures and every breakdown. This is what a month close freezes.
 */
interface MonthlyFigures extends Funnel {
  court: CourtSummary;
  period: { label: string; from: string; to: string };
  /** The warning window used for 预警数 (config/mediation.json). */
  warningDaysBefore: number;
  /** When the figures were computed (ISO instant). */
  computedAt: string;
  total: Indicators;
  /** Each procedure's figures (先行调解, 非诉调解, 诉前调解（2025年前）): its funnel, mediation and steps. */
  byProcedure: Record<Procedure, ProcedureFigures>;
  breakdowns: Record<Dimension, BreakdownRow[]>;
}

/**
 * A month as a snapshot holds it. A month closed before the procedure figures were counted has neither the
 * funnel nor `byProcedure`: it reads back as it was stored and shows them as not counted (无), never recomputed.
 */
export type StoredFigures = Omit<MonthlyFigures, keyof Funnel | 'byProcedure'> &
  Partial<Funnel> & { byProcedure?: Record<Procedure, ProcedureFigures> };

/** The figures with only the breakdowns asked for (a page shows one at most). */
export type SomeFigures = Omit<MonthlyFigures, 'breakdowns'> & {
  breakdowns: Partial<Record<Dimension, BreakdownRow[]>>;
};

/** Computes a period's figures from the case data. */
@Injectable()
export class StatisticsFiguresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mediation: MediationConfig,
  ) {}

  /** The figures as the data stands now, read in one snapshot of the database. */
  async live(courtId: string, period: StatisticsPeriod): Promise<MonthlyFigures> {
    const { breakdowns, ...figures } = await this.liveWith(courtId, period, DIMENSIONS);
    return { ...figures, breakdowns: breakdowns as Record<Dimension, BreakdownRow[]> };
  }

  /**
   * The same with only the `dimensions` breakdowns: the others are neither grouped in
   * SQL nor built, and their roster lists are not read.
   */
  liveWith(courtId: string, period: StatisticsPeriod, dimensions: readonly Dimension[]): Promise<SomeFigures> {
    return this.dataSource.transaction('REPEATABLE READ', (m) => this.compute(m, courtId, period, dimensions));
  }

  private async compute(
    m: EntityManager,
    courtId: string,
    period: StatisticsPeriod,
    dimensions: readonly Dimension[],
  ): Promise<SomeFigures> {
    const court = await m.findOneByOrFail(Court, { id: courtId });
    const counted = await countIndicators(m, courtId, period, this.mediation.warningDaysBefore, dimensions);
    const breakdowns: Partial<Record<Dimension, BreakdownRow[]>> = {};
    const byProcedure = byProcedureOf((p) =>
      computeProcedureFigures(counted.procedures.get(p) ?? zeroCounts(), counted.steps.get(p) ?? zeroStepCounts()),
    );
    for (const dimension of dimensions) {
      const known = await knownEntries(m, courtId, dimension, counted.rows[dimension]);
      breakdowns[dimension] = breakdownRows(dimension, counted.rows[dimension], known, court.population);
    }
    return {
      court: { id: court.id, code: court.code, name: court.name, population: court.population },
      period: { label: period.label, from: period.firstDay, to: period.lastDay },
      warningDaysBefore: this.mediation.warningDaysBefore,
      computedAt: this.clock.now().toISOString(),
      total: computeIndicators(counted.total, court.population),
      ...funnelOf(allProcedures(byProcedure)),
      byProcedure,
      breakdowns,
    };
  }
}

/** What a breakdown lists even with nothing counted: the registered mediators, organizations, divisions, the configured case types. */
async function knownEntries(
  m: EntityManager,
  courtId: string,
  dimension: Dimension,
  counted: Map<string | null, unknown>,
): Promise<KnownEntry[]> {
  switch (dimension) {
    case 'institution':
      // No roster of banks: the institutions counted, by the name they last applied under.
      return applicantInstitutions(
        m,
        courtId,
        [...counted.keys()].filter((k): k is string => k !== null),
      );
    case 'mediator':
      return (await rosterMediators(m, courtId)).map((r) => ({
        key: r.id,
        label: r.name,
        organization: r.organization,
      }));
    case 'organization':
      return (await rosterOrganizations(m, courtId)).map((r) => ({ key: r.id, label: r.name }));
    case 'caseType':
      return caseTypeNames().map((name) => ({ key: name, label: name }));
    case 'division':
      return (await courtDivisions(m, courtId)).map((r) => ({ key: r.id, label: r.name }));
  }
}
