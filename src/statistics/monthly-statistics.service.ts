import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, RuleViolationError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import type { Dimension } from './indicator-queries.js';
import type { Indicators } from './indicators.js';
import { MonthlyExtrasService, type MonthExtras } from './monthly-extras.service.js';
import { StatisticsFiguresService, type SomeFigures, type StoredFigures } from './monthly-figures.js';
import { StatisticsQueries } from './statistics-queries.js';
import { StatisticsSnapshot } from './statistics-snapshot.entity.js';
import { periodHasEnded, requireMonth } from './statistics-period.js';
import { reportingPeriod, requireStarted } from './reporting-period.js';
import { requireOwnCourt } from '../common/court-scope.js';
import { SubsidiesService } from './subsidies.service.js';
import { storeSubsidyRates } from './subsidy-rules.js';
import type { CloseMonthDto, MonthlyQuery } from './statistics.dto.js';
import { lockRecordForTransaction } from '../common/advisory-locks.js';

/**
 * A month as reported: the latest (or the asked) snapshot of a closed month exactly as stored (one closed before
 * the procedure figures lacks them), else the live figures.
 */
export type MonthlyReport = StoredFigures & {
  closed: boolean;
  version: number | null;
  closedAt: string | null;
  closedBy: { id: string; name: string } | null;
  reason: string | null;
} & Partial<MonthExtras>;

const snapshotNotFound = (month: string, version: number) =>
  new NotFoundError('SNAPSHOT_NOT_FOUND', `${month} 没有第 ${version} 版关账数据`);

function versionView(s: StatisticsSnapshot) {
  return {
    month: s.month,
    version: s.version,
    closedAt: s.closedAt,
    closedBy: { id: s.closedBy, name: s.closedByName },
    reason: s.reason,
    submittedToCourtId: s.submittedToCourtId,
  };
}

/** 月分析: the month's figures, month close (关账) with versions, and reading any version back. */
@Injectable()
export class MonthlyStatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: StatisticsQueries,
    private readonly figures: StatisticsFiguresService,
    private readonly subsidies: SubsidiesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly extras: MonthlyExtrasService,
  ) {}

  /** A closed month's report with what is read as the data stands now (同比, 环比, follow-up, 超期 by step, 万人成讼率). */
  private async withExtras(
    courtId: string,
    period: ReturnType<typeof requireMonth>,
    report: MonthlyReport,
  ): Promise<MonthlyReport & MonthExtras> {
    return { ...report, ...(await this.extras.of(courtId, period, report.closed, report.total)) };
  }

  /**
   * An open month computed live, its extras read at the same time on other connections: they are not part of the
   * figures' snapshot (each is read as the data stands when asked, monthly-extras.service.ts), so running them beside
   * it instead of after it changes no figure, only the wait (the longest part instead of the sum).
   */
  private async liveWithExtras<F extends SomeFigures>(
    courtId: string,
    period: ReturnType<typeof requireMonth>,
    figures: Promise<F>,
  ) {
    const [live, extras] = await Promise.all([
      figures,
      this.extras.of(
        courtId,
        period,
        false,
        figures.then((f) => f.total),
      ),
    ]);
    return { ...live, ...OPEN_MONTH, ...extras };
  }

  /**
   * The month's total, and one breakdown when asked (`by`). An open month builds only
   * that breakdown (and reads only its roster list), not the four a report holds.
   */
  async monthly(actor: Actor, query: MonthlyQuery) {
    requireOwnCourt(actor, query.courtId);
    const period = this.startedMonth(query.month);
    const snapshot = await this.findSnapshot(actor.courtId, query.month, query.version);
    if (snapshot)
      return monthlyAnswer(await this.withExtras(actor.courtId, period, snapshotReport(snapshot)), query.by);
    if (query.version !== undefined) throw snapshotNotFound(query.month, query.version);
    const live = this.figures.liveWith(actor.courtId, period, query.by ? [query.by] : []);
    return monthlyAnswer(await this.liveWithExtras(actor.courtId, period, live), query.by);
  }

  /** The whole report (every breakdown) with its extras, for exports and the month page. */
  async report(actor: Actor, month: string, version?: number): Promise<MonthlyReport> {
    const period = this.startedMonth(month);
    const snapshot = await this.findSnapshot(actor.courtId, month, version);
    if (snapshot) return this.withExtras(actor.courtId, period, snapshotReport(snapshot));
    if (version !== undefined) throw snapshotNotFound(month, version);
    return this.liveWithExtras(actor.courtId, period, this.figures.live(actor.courtId, period));
  }

  /**
   * The month's total alone, as reported: a closed month's latest version, else computed live without any
   * breakdown (a page's trend of past months).
   */
  async total(actor: Actor, month: string): Promise<Indicators> {
    const found = await this.extras.totalAsReported(actor.courtId, this.startedMonth(month));
    return found!.total;
  }

  /** The month of a request: in the right form (400) and begun (422 PERIOD_NOT_STARTED). */
  private startedMonth(month: string) {
    const period = requireMonth(month);
    requireStarted(reportingPeriod(month)!, this.clock.now());
    return period;
  }

  /**
   * 关账: freezes the ended month's figures as the next version. A month already
   * closed is closed again only with a reason. The figures are read in one
   * snapshot of the database; the version is then taken under the court-month's
   * advisory lock, so concurrent closes make consecutive versions, never the same one.
   * The subsidy list is frozen with it (every mediator's cases, counts and amounts, at
   * the rates in force): a later change to the cases shows only in the next version.
   */
  async close(actor: Actor, month: string, dto: CloseMonthDto) {
    const period = requireMonth(month);
    if (!periodHasEnded(period, this.clock.now())) {
      throw new RuleViolationError('MONTH_NOT_ENDED', `${month} 尚未结束（按北京时间），不能关账`, { month });
    }
    const figures = await this.figures.live(actor.courtId, period);
    const snapshot = await this.dataSource.transaction(async (m) => {
      await lockRecordForTransaction(m, 'monthClose', `${actor.courtId}:${month}`);
      const [{ latest }] = await m.query(
        'SELECT coalesce(max(version), 0)::int AS latest FROM statistics_snapshots WHERE court_id = $1 AND month = $2',
        [actor.courtId, month],
      );
      if (latest > 0 && !dto.reason) {
        throw new RuleViolationError(
          'CLOSE_REASON_REQUIRED',
          `${month} 已关账（第 ${latest} 版），重新关账须填写理由`,
          {
            currentVersion: latest,
          },
        );
      }
      const subsidies = await this.subsidies.listToFreeze(m, actor.courtId, period);
      // 报送: the frozen month goes to the court above, as it stands at the close.
      const { parentCourtId } = await m.findOneByOrFail(Court, { id: actor.courtId });
      const saved = await m.save(
        m.create(StatisticsSnapshot, {
          courtId: actor.courtId,
          month,
          version: latest + 1,
          figures,
          subsidyRates: storeSubsidyRates(subsidies.rates),
          subsidyList: subsidies.list,
          reason: dto.reason ?? null,
          submittedToCourtId: parentCourtId,
          closedBy: actor.userId,
          closedByName: actor.displayName,
          closedAt: this.clock.now(),
        }),
      );
      await this.audit.record(m, actor, {
        subjectType: 'STATISTICS_MONTH',
        subjectId: month,
        action: latest === 0 ? 'STATISTICS_MONTH_CLOSED' : 'STATISTICS_MONTH_RECLOSED',
        before: latest === 0 ? null : { version: latest },
        after: {
          version: saved.version,
          reason: saved.reason,
          computedAt: figures.computedAt,
          submittedToCourtId: saved.submittedToCourtId,
        },
      });
      return saved;
    });
    return versionView(snapshot);
  }

  async versions(actor: Actor, month: string) {
    this.startedMonth(month);
    const rows = await this.queries.snapshotVersions(actor.courtId, month);
    return { month, closed: rows.length > 0, versions: rows.map(versionView) };
  }

  private findSnapshot(courtId: string, month: string, version?: number): Promise<StatisticsSnapshot | null> {
    return this.queries.snapshot(courtId, month, version);
  }
}

/** How a month not (yet) closed is reported. */
const OPEN_MONTH = { closed: false, version: null, closedAt: null, closedBy: null, reason: null } as const;

/** The answer of GET /statistics/monthly: the report without its breakdowns, then the one asked for. */
function monthlyAnswer(report: Omit<MonthlyReport, 'breakdowns'> & Pick<SomeFigures, 'breakdowns'>, by?: Dimension) {
  const { breakdowns, ...summary } = report;
  const answer = { month: report.period.label, ...summary };
  return by ? { ...answer, breakdown: { by, rows: breakdowns[by] ?? [] } } : answer;
}

function snapshotReport(s: StatisticsSnapshot): MonthlyReport {
  return {
    ...s.figures,
    closed: true,
    version: s.version,
    closedAt: s.closedAt.toISOString(),
    closedBy: { id: s.closedBy, name: s.closedByName },
    reason: s.reason,
  };
}
