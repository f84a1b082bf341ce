// Named reads of the figures that travel upward and across (报送, 季调度, 赛马比拼, 调处成功率监测考评): a court's place
// among the courts, its basic courts, and the frozen months (their versions, totals and breakdowns) as closed or as
// submitted. Functions taking a manager, and `UpwardReportingQueries` offering them on the data source to
// UpwardReportingService (which keeps the rules, the sums and the target's write).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Court } from '../courts/court.entity.js';
import type { BreakdownRow } from './breakdown-rows.js';
import type { Indicators } from './indicators.js';
import type { FrozenMonthBreakdowns } from './period-breakdowns.js';
import type { FrozenByProcedure } from './rollup.js';

/** One closed version of a month: when, by whom, and why (a correction's reason). */
export interface MonthVersion {
  version: number;
  closedAt: string;
  closedBy: string;
  reason: string | null;
}

interface SnapshotRow {
  court_id: string;
  month: string;
  version: number;
  closed_at: Date;
  closed_by_name: string;
  reason: string | null;
  total: Indicators;
  by_procedure: FrozenByProcedure | null;
}

/** The latest version of a court's month, with every version's facts (oldest first). */
export type LatestSnapshot = SnapshotRow & { versions: MonthVersion[] };

/** A version of the court's month as the 报送记录 lists it, with the court it went up to. */
export interface SubmissionRow {
  month: string;
  version: number;
  closed_at: Date;
  closed_by_name: string;
  reason: string | null;
  submitted_to: string | null;
}

/** Whether the court has a court above it, and basic courts under it (no row: no such court). */
export async function findCourtPlace(
  m: EntityManager,
  courtId: string,
): Promise<{ hasParent: boolean; intermediate: boolean } | undefined> {
  const [row] = await m.query(
    `SELECT c.parent_court_id IS NOT NULL AS "hasParent",
              EXISTS (SELECT 1 FROM courts k WHERE k.parent_court_id = c.id) AS intermediate
         FROM courts c WHERE c.id = $1`,
    [courtId],
  );
  return row;
}

/** A court. */
export function findCourt(m: EntityManager, courtId: string): Promise<Court> {
  return m.findOneByOrFail(Court, { id: courtId });
}

/** The basic courts under a court, by code. */
export function findChildCourts(m: EntityManager, parentId: string): Promise<Court[]> {
  return m.find(Court, { where: { parentCourtId: parentId }, order: { code: 'ASC' } });
}

/** The breakdowns and the total of these versions of the court's months (the versions a total is made of). */
export function findFrozenBreakdowns(
  m: EntityManager,
  courtId: string,
  months: readonly { month: string; version: number }[],
): Promise<FrozenMonthBreakdowns[]> {
  return m.query(
    `SELECT s.month, s.figures->'breakdowns' AS breakdowns, s.figures->'total' AS total
         FROM statistics_snapshots s
         JOIN unnest($2::text[], $3::int[]) AS v(month, version) ON v.month = s.month AND v.version = s.version
        WHERE s.court_id = $1`,
    [courtId, months.map((x) => x.month), months.map((x) => x.version)],
  );
}

/** Every version closed of the court's months, with the court each went up to, by month and version. */
export function findSubmissions(
  m: EntityManager,
  courtId: string,
  months: readonly string[],
): Promise<SubmissionRow[]> {
  return m.query(
    `SELECT s.month, s.version, s.closed_at, s.closed_by_name, s.reason, c.name AS submitted_to
         FROM statistics_snapshots s LEFT JOIN courts c ON c.id = s.submitted_to_court_id
        WHERE s.court_id = $1 AND s.month = ANY($2)
        ORDER BY s.month, s.version`,
    [courtId, months],
  );
}

/** The latest version of each month of the given courts (own closes) or submitted to the given court. */
export async function findLatestSnapshots(
  m: EntityManager,
  of: { courtIds: string[] } | { submittedTo: string },
  months: string[],
): Promise<LatestSnapshot[]> {
  const where = 'courtIds' in of ? 'court_id = ANY($1)' : 'submitted_to_court_id = $1';
  const rows: SnapshotRow[] = await m.query(
    `SELECT court_id, month, version, closed_at, closed_by_name, reason, figures->'total' AS total,
            figures->'byProcedure' AS by_procedure
       FROM statistics_snapshots
      WHERE ${where} AND month = ANY($2)
      ORDER BY court_id, month, version`,
    ['courtIds' in of ? of.courtIds : of.submittedTo, months],
  );
  const latest = new Map<string, LatestSnapshot>();
  for (const row of rows) {
    const key = `${row.court_id}:${row.month}`;
    const versions = latest.get(key)?.versions ?? [];
    versions.push({
      version: row.version,
      closedAt: row.closed_at.toISOString(),
      closedBy: row.closed_by_name,
      reason: row.reason,
    });
    latest.set(key, { ...row, versions });
  }
  return [...latest.values()];
}

/**
 * One breakdown (`dimension`: mediator or organization rows) of the latest version of each month submitted to
 * `parentId` by the given courts.
 */
export function findSubmittedBreakdowns(
  m: EntityManager,
  parentId: string,
  months: string[],
  dimension: 'mediator' | 'organization',
  courtIds: string[],
): Promise<{ court_id: string; month: string; rows: BreakdownRow[] }[]> {
  return m.query(
    `SELECT DISTINCT ON (court_id, month) court_id, month, figures->'breakdowns'->$3 AS rows
         FROM statistics_snapshots
        WHERE submitted_to_court_id = $1 AND month = ANY($2) AND court_id = ANY($4)
        ORDER BY court_id, month, version DESC`,
    [parentId, months, dimension, courtIds],
  );
}

@Injectable()
export class UpwardReportingQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get m(): EntityManager {
    return this.dataSource.manager;
  }

  courtPlace(courtId: string) {
    return findCourtPlace(this.m, courtId);
  }

  court(courtId: string): Promise<Court> {
    return findCourt(this.m, courtId);
  }

  childCourts(parentId: string): Promise<Court[]> {
    return findChildCourts(this.m, parentId);
  }

  frozenBreakdowns(courtId: string, months: readonly { month: string; version: number }[]) {
    return findFrozenBreakdowns(this.m, courtId, months);
  }

  submissions(courtId: string, months: readonly string[]): Promise<SubmissionRow[]> {
    return findSubmissions(this.m, courtId, months);
  }

  latestSnapshots(of: { courtIds: string[] } | { submittedTo: string }, months: string[]): Promise<LatestSnapshot[]> {
    return findLatestSnapshots(this.m, of, months);
  }

  submittedBreakdowns(
    parentId: string,
    months: string[],
    dimension: 'mediator' | 'organization',
    courtIds: string[],
  ): ReturnType<typeof findSubmittedBreakdowns> {
    return findSubmittedBreakdowns(this.m, parentId, months, dimension, courtIds);
  }
}
