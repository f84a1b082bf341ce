import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { Court } from '../courts/court.entity.js';
import { caseTypeNames } from '../intake/case-types.js';
import { rosterMediators } from './roster-lists.js';
import type { PutSubsidyRatesDto } from './statistics.dto.js';
import { requireMonth, type StatisticsPeriod } from './statistics-period.js';
import { StatisticsSnapshot } from './statistics-snapshot.entity.js';
import { SubsidyRate } from './subsidy-rate.entity.js';
import {
  checkSubsidyRates,
  DEFAULT_SUBSIDY_RATES,
  loadSubsidyRates,
  mediatorSubsidies,
  SUBSIDY_OUTCOME_LABELS,
  subsidyRateFor,
  type MediatorSubsidy,
  type SubsidyCount,
  type SubsidyOutcome,
  type SubsidyRateEntry,
} from './subsidy-rules.js';

/** Advisory lock namespace of rate table replacements (one per court at a time). */
const SUBSIDY_RATES_LOCK = 7_480_601;

export interface EffectiveRates {
  /** COURT: the court's own table; CONFIG: the defaults of config/subsidy-rates.json. */
  source: 'COURT' | 'CONFIG';
  rates: SubsidyRateEntry[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The rates a month is paid at: those frozen with its latest close, else those in force. */
export interface MonthRates {
  /** MONTH_CLOSE: frozen with the month's close (version `closedVersion`). */
  source: EffectiveRates['source'] | 'MONTH_CLOSE';
  closedVersion: number | null;
  rates: SubsidyRateEntry[];
}

/** A month's subsidy list (以案定补), as computed. */
export interface SubsidyList {
  court: { id: string; code: string; name: string };
  period: { label: string; from: string; to: string };
  generatedAt: Date;
  rateSource: MonthRates['source'];
  closedVersion: number | null;
  rates: SubsidyRateEntry[];
  mediators: MediatorSubsidy[];
  total: { cases: Record<SubsidyOutcome, number>; amountFen: bigint };
  unassignedCases: number;
}

/** A concluded case on the subsidy list (案件清单 of the xlsx). */
export interface SubsidyCase {
  mediatorId: string;
  caseNumber: string | null;
  caseType: string;
  outcome: SubsidyOutcome;
  concludedOn: string;
  plaintiffs: string;
  defendants: string;
  rateFen: bigint;
}

function ratesView(effective: EffectiveRates) {
  return {
    source: effective.source,
    updatedAt: effective.updatedAt,
    updatedBy: effective.updatedBy,
    rates: rateLines(effective.rates),
  };
}

function rateLines(rates: SubsidyRateEntry[]) {
  return rates.map((r) => ({
    outcome: r.outcome,
    outcomeLabel: SUBSIDY_OUTCOME_LABELS[r.outcome],
    caseType: r.caseType,
    amount: formatYuan(r.amountFen),
  }));
}

/** 以案定补: the court's rates, and the month's subsidy list per mediator. */
@Injectable()
export class SubsidiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DEFAULT_SUBSIDY_RATES) private readonly defaults: SubsidyRateEntry[],
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async rates(actor: Actor) {
    return ratesView(await this.ratesInForce(this.dataSource.manager, actor.courtId));
  }

  /** Replaces the court's whole rate table (every outcome needs its base rate). */
  async putRates(actor: Actor, dto: PutSubsidyRatesDto) {
    const checked = checkSubsidyRates(dto.rates, caseTypeNames());
    if ('errors' in checked) throw new ValidationFailedError(checked.errors);
    const effective = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SUBSIDY_RATES_LOCK, actor.courtId]);
      const before = await this.ratesInForce(m, actor.courtId);
      const now = this.clock.now();
      await m.delete(SubsidyRate, { courtId: actor.courtId });
      await m.insert(
        SubsidyRate,
        checked.rates.map((r) => ({
          courtId: actor.courtId,
          outcome: r.outcome,
          caseType: r.caseType,
          amountFen: r.amountFen.toString(),
          updatedBy: actor.userId,
          updatedAt: now,
        })),
      );
      await this.audit.record(m, actor, {
        subjectType: 'SUBSIDY_RATES',
        subjectId: actor.courtId,
        action: 'SUBSIDY_RATES_UPDATED',
        before: ratesView(before),
        after: ratesView({ source: 'COURT', rates: checked.rates, updatedAt: now, updatedBy: actor.userId }),
      });
      return this.ratesInForce(m, actor.courtId);
    });
    return ratesView(effective);
  }

  /** The month's list: per mediator the cases concluded in the month by outcome, the rates and the amounts. */
  async subsidies(actor: Actor, month: string) {
    const period = requireMonth(month);
    const list = await this.dataSource.transaction('REPEATABLE READ', (m) => this.compute(m, actor.courtId, period));
    return subsidiesView(list);
  }

  /** The list and its cases (for the xlsx), read together. */
  async subsidiesWithCases(actor: Actor, month: string) {
    const period = requireMonth(month);
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const list = await this.compute(m, actor.courtId, period);
      const cases = await concludedCases(m, actor.courtId, period, list.rates);
      return { list, cases };
    });
  }

  private async compute(m: EntityManager, courtId: string, period: StatisticsPeriod): Promise<SubsidyList> {
    const court = await m.findOneByOrFail(Court, { id: courtId });
    const effective = await this.monthRates(m, courtId, period);
    const mediators = await rosterMediators(m, courtId);
    const counts: (Omit<SubsidyCount, 'cases'> & { cases: string })[] = await m.query(
      `SELECT c.mediator_id AS "mediatorId", c.outcome, c.case_type AS "caseType", count(*) AS cases
       FROM cases c
       WHERE c.court_id = $1 AND c.concluded_at >= $2 AND c.concluded_at < $3
       GROUP BY c.mediator_id, c.outcome, c.case_type`,
      [courtId, period.start, period.end],
    );
    const list = mediatorSubsidies(
      mediators,
      counts.map((c) => ({ ...c, cases: Number(c.cases) })),
      effective.rates,
    );
    return {
      court: { id: court.id, code: court.code, name: court.name },
      period: { label: period.label, from: period.firstDay, to: period.lastDay },
      generatedAt: this.clock.now(),
      rateSource: effective.source,
      closedVersion: effective.closedVersion,
      rates: effective.rates,
      ...list,
    };
  }

  /** A closed month is paid at the rates frozen with its latest close; an open one at the rates in force. */
  private async monthRates(m: EntityManager, courtId: string, period: StatisticsPeriod): Promise<MonthRates> {
    const closed = await m.findOne(StatisticsSnapshot, {
      select: { version: true, subsidyRates: true },
      where: { courtId, month: period.label },
      order: { version: 'DESC' },
    });
    if (closed?.subsidyRates) {
      return { source: 'MONTH_CLOSE', closedVersion: closed.version, rates: loadSubsidyRates(closed.subsidyRates) };
    }
    const inForce = await this.ratesInForce(m, courtId);
    return { source: inForce.source, closedVersion: null, rates: inForce.rates };
  }

  /** The court's own rate table, or the configured defaults when it has none. */
  async ratesInForce(m: EntityManager, courtId: string): Promise<EffectiveRates> {
    const rows = await m.find(SubsidyRate, { where: { courtId }, order: { outcome: 'ASC', caseType: 'ASC' } });
    if (rows.length === 0) return { source: 'CONFIG', rates: this.defaults, updatedAt: null, updatedBy: null };
    return {
      source: 'COURT',
      rates: rows.map((r) => ({ outcome: r.outcome, caseType: r.caseType, amountFen: BigInt(r.amountFen) })),
      updatedAt: rows[0].updatedAt,
      updatedBy: rows[0].updatedBy,
    };
  }
}

function subsidiesView(list: SubsidyList) {
  return {
    court: list.court,
    month: list.period.label,
    period: list.period,
    generatedAt: list.generatedAt,
    rateSource: list.rateSource,
    closedVersion: list.closedVersion,
    rates: rateLines(list.rates),
    mediators: list.mediators.map((m) => ({
      mediatorId: m.mediatorId,
      name: m.name,
      organization: m.organization,
      cases: m.cases,
      lines: m.lines.map((l) => ({
        outcome: l.outcome,
        caseType: l.caseType,
        cases: l.cases,
        rate: formatYuan(l.rateFen),
        amount: formatYuan(l.amountFen),
      })),
      amount: formatYuan(m.amountFen),
    })),
    total: { cases: list.total.cases, amount: formatYuan(list.total.amountFen) },
    unassignedCases: list.unassignedCases,
  };
}

/** The month's concluded cases with a mediator, with their parties' names and rate. */
async function concludedCases(
  m: EntityManager,
  courtId: string,
  period: StatisticsPeriod,
  rates: SubsidyRateEntry[],
): Promise<SubsidyCase[]> {
  const rows: {
    mediator_id: string;
    prelitigation_number: string | null;
    case_type: string;
    outcome: SubsidyOutcome;
    concluded_at: Date;
    plaintiffs: string | null;
    defendants: string | null;
  }[] = await m.query(
    `SELECT c.mediator_id, c.prelitigation_number, c.case_type, c.outcome, c.concluded_at,
       (SELECT string_agg(p.name, '、' ORDER BY p.position) FROM parties p
         WHERE p.case_id = c.id AND p.role = 'PLAINTIFF') AS plaintiffs,
       (SELECT string_agg(p.name, '、' ORDER BY p.position) FROM parties p
         WHERE p.case_id = c.id AND p.role = 'DEFENDANT') AS defendants
     FROM cases c
     WHERE c.court_id = $1 AND c.concluded_at >= $2 AND c.concluded_at < $3 AND c.mediator_id IS NOT NULL
     ORDER BY c.mediator_id, c.concluded_at, c.id`,
    [courtId, period.start, period.end],
  );
  return rows.map((r) => ({
    mediatorId: r.mediator_id,
    caseNumber: r.prelitigation_number,
    caseType: r.case_type,
    outcome: r.outcome,
    concludedOn: chinaDate(r.concluded_at),
    plaintiffs: r.plaintiffs ?? '',
    defendants: r.defendants ?? '',
    rateFen: subsidyRateFor(rates, r.outcome, r.case_type),
  }));
}
