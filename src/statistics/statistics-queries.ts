// Named reads of the statistics records a court keeps: its entered filings (and the 万人成讼率 made of them), its
// month's closed versions and its subsidy rates. Functions taking a manager, and `StatisticsQueries` offering them on the data source to the
// services (which keep the rules, the writes and the transactions). The indicators' SQL is indicator-queries.ts.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Court } from '../courts/court.entity.js';
import { CourtFiling } from './court-filing.entity.js';
import { courtLitigationRate, type CourtLitigationRate } from './court-filings.js';
import { StatisticsSnapshot } from './statistics-snapshot.entity.js';
import { SubsidyRate } from './subsidy-rate.entity.js';

/** The court's entered filings of these months, oldest first. */
export function findFilingsOfMonths(m: EntityManager, courtId: string, months: string[]): Promise<CourtFiling[]> {
  return m.find(CourtFiling, { where: { courtId, month: In(months) }, order: { month: 'ASC' } });
}

/** 万人成讼率 of the months, from the court's population and its entered filings (missing when one is not entered). */
export async function findLitigationRate(
  m: EntityManager,
  courtId: string,
  months: readonly string[],
): Promise<CourtLitigationRate> {
  const court = await m.findOneByOrFail(Court, { id: courtId });
  const rows = await m.find(CourtFiling, { where: { courtId, month: In([...months]) } });
  return courtLitigationRate(
    months,
    rows.map((r) => ({ month: r.month, filings: r.filings })),
    court.population,
  );
}

/** The closed versions of a court's month (without their figures), oldest first. */
export function findSnapshotVersions(m: EntityManager, courtId: string, month: string): Promise<StatisticsSnapshot[]> {
  return m.find(StatisticsSnapshot, {
    select: {
      id: true,
      month: true,
      version: true,
      closedAt: true,
      closedBy: true,
      closedByName: true,
      reason: true,
      submittedToCourtId: true,
    },
    where: { courtId, month },
    order: { version: 'ASC' },
  });
}

/** A closed version of a court's month (the latest when none is named), or null. */
export function findSnapshot(
  m: EntityManager,
  courtId: string,
  month: string,
  version?: number,
): Promise<StatisticsSnapshot | null> {
  return m.findOne(StatisticsSnapshot, {
    where: { courtId, month, ...(version !== undefined ? { version } : {}) },
    order: { version: 'DESC' },
  });
}

/** The court's own subsidy rates, by outcome, case type and difficulty (none: the configured defaults apply). */
export function findSubsidyRates(m: EntityManager, courtId: string): Promise<SubsidyRate[]> {
  return m.find(SubsidyRate, {
    where: { courtId },
    order: { outcome: 'ASC', caseType: 'ASC', difficulty: 'ASC' },
  });
}

@Injectable()
export class StatisticsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  filingsOfMonths(courtId: string, months: string[]) {
    return findFilingsOfMonths(this.dataSource.manager, courtId, months);
  }

  litigationRate(courtId: string, months: readonly string[]): Promise<CourtLitigationRate> {
    return findLitigationRate(this.dataSource.manager, courtId, months);
  }

  snapshotVersions(courtId: string, month: string) {
    return findSnapshotVersions(this.dataSource.manager, courtId, month);
  }

  snapshot(courtId: string, month: string, version?: number) {
    return findSnapshot(this.dataSource.manager, courtId, month, version);
  }

  subsidyRates(courtId: string) {
    return findSubsidyRates(this.dataSource.manager, courtId);
  }
}
