// The court's first-instance civil filings per month (一审民事收案数), entered by its statistician: the numerator of
// 万人成讼率. A month that has not ended cannot have them; a closed month's figure is entered or changed only with
// a reason; every change is in the audit log with the figure before it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { CourtFiling } from './court-filing.entity.js';
import type { CourtLitigationRate } from './court-filings.js';
import { periodHasEnded, requireMonth } from './statistics-period.js';
import { reportingPeriod, requireStarted } from './reporting-period.js';
import type { PutFilingsDto } from './filings.dto.js';
import { findLitigationRate, StatisticsQueries } from './statistics-queries.js';
import { lockRecordForTransaction } from '../common/advisory-locks.js';

const filingView = (f: CourtFiling) => ({
  month: f.month,
  count: f.filings,
  reason: f.reason,
  enteredBy: { id: f.enteredBy, name: f.enteredByName },
  enteredAt: f.enteredAt.toISOString(),
});

@Injectable()
export class FilingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: StatisticsQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Enters (or corrects) the month's filings. */
  async put(actor: Actor, month: string, dto: PutFilingsDto) {
    const period = requireMonth(month);
    if (!periodHasEnded(period, this.clock.now())) {
      throw new RuleViolationError('MONTH_NOT_ENDED', `${month} 尚未结束（按北京时间），不能录入当月一审民事收案数`, {
        month,
      });
    }
    return this.dataSource.transaction(async (m) => {
      await lockRecordForTransaction(m, 'monthClose', `${actor.courtId}:${month}`);
      const [{ closed }] = await m.query(
        'SELECT EXISTS (SELECT 1 FROM statistics_snapshots WHERE court_id = $1 AND month = $2) AS closed',
        [actor.courtId, month],
      );
      if (closed && !dto.reason) {
        throw new RuleViolationError('FILINGS_REASON_REQUIRED', `${month} 已关账，录入或更正一审民事收案数须填写理由`, {
          month,
        });
      }
      const before = await m.findOneBy(CourtFiling, { courtId: actor.courtId, month });
      const saved = await m.save(
        m.create(CourtFiling, {
          courtId: actor.courtId,
          month,
          filings: dto.count,
          reason: dto.reason ?? null,
          enteredBy: actor.userId,
          enteredByName: actor.displayName,
          enteredAt: this.clock.now(),
        }),
      );
      await this.audit.record(m, actor, {
        subjectType: 'STATISTICS_MONTH',
        subjectId: month,
        action: 'COURT_FILINGS_ENTERED',
        before: before ? { count: before.filings } : null,
        after: { count: saved.filings, reason: saved.reason, closedMonth: closed },
      });
      return { ...filingView(saved), closedMonth: Boolean(closed) };
    });
  }

  /** The entered months of a year, oldest first. */
  async year(actor: Actor, year: string) {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100) {
      throw ValidationFailedError.field('year', 'YEAR_INVALID', 'year：应为 2000 至 2100 年间的年度，格式 YYYY');
    }
    requireStarted(reportingPeriod(year)!, this.clock.now());
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const rows = await this.queries.filingsOfMonths(actor.courtId, months);
    return { year, months: rows.map(filingView) };
  }

  /** 万人成讼率 of the months from the court's entered filings (missing when one of them is not entered), in `m`. */
  rateOf(m: EntityManager, courtId: string, months: readonly string[]): Promise<CourtLitigationRate> {
    return findLitigationRate(m, courtId, months);
  }
}
