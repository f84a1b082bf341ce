import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { Court } from '../courts/court.entity.js';
import { caseTypeNames } from '../cases/case-types.js';
import { rosterMediators } from './roster-lists.js';
import type { PutSubsidyRatesDto } from './statistics.dto.js';
import { requireMonth, type StatisticsPeriod } from './statistics-period.js';
import { reportingPeriod, requireStarted } from './reporting-period.js';
import { StatisticsSnapshot } from './statistics-snapshot.entity.js';
import { findSubsidyRates, StatisticsQueries } from './statistics-queries.js';
import { SubsidyRate } from './subsidy-rate.entity.js';
import { CASE_DIFFICULTY_LABELS, defaultDifficulty, isCaseDifficulty } from '../mediation/case-difficulty.js';
import { loadSubsidyList, storeSubsidyList, type SubsidyCase, type SubsidyList } from './subsidy-list.js';
import {
  checkSubsidyRates,
  DEFAULT_SUBSIDY_RATES,
  loadSubsidyRates,
  mediatorSubsidies,
  SUBSIDY_OUTCOME_LABELS,
  subsidyRateFor,
  type SubsidyCount,
  type SubsidyOutcome,
  type SubsidyRateEntry,
} from './subsidy-rules.js';
import { lockRecordForTransaction } from '../common/advisory-locks.js';

interface EffectiveRates {
  /** COURT: the court's own table; CONFIG: the defaults of config/subsidy-rates.json. */
  source: 'COURT' | 'CONFIG';
  rates: SubsidyRateEntry[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The latest close of a month, as far as the subsidy list is concerned. */
type MonthClose = Pick<StatisticsSnapshot, 'version' | 'subsidyRates' | 'subsidyList'>;

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
    difficulty: r.difficulty,
    difficultyLabel: r.difficulty ? CASE_DIFFICULTY_LABELS[r.difficulty] : null,
    caseType: r.caseType,
    amount: formatYuan(r.amountFen),
  }));
}

/** 以案定补: the court's rates, and the month's subsidy list per mediator. */
@Injectable()
export class SubsidiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: StatisticsQueries,
    @Inject(DEFAULT_SUBSIDY_RATES) private readonly defaults: SubsidyRateEntry[],
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The month of a request: in the right form (400 MONTH_INVALID) and begun (422 PERIOD_NOT_STARTED). */
  private startedMonth(month: string): StatisticsPeriod {
    const period = requireMonth(month);
    requireStarted(reportingPeriod(month)!, this.clock.now());
    return period;
  }

  async rates(actor: Actor) {
    return ratesView(this.effectiveRates(await this.queries.subsidyRates(actor.courtId)));
  }

  /** Replaces the court's whole rate table (every outcome needs its base rate). */
  async putRates(actor: Actor, dto: PutSubsidyRatesDto) {
    const checked = checkSubsidyRates(dto.rates, caseTypeNames());
    if ('errors' in checked) throw new ValidationFailedError(checked.errors);
    const effective = await this.dataSource.transaction(async (m) => {
      await lockRecordForTransaction(m, 'subsidyRates', actor.courtId);
      const before = await this.ratesInForce(m, actor.courtId);
      const now = this.clock.now();
      await m.delete(SubsidyRate, { courtId: actor.courtId });
      await m.insert(
        SubsidyRate,
        checked.rates.map((r) => ({
          courtId: actor.courtId,
          outcome: r.outcome,
          caseType: r.caseType,
          difficulty: r.difficulty,
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
  async subsidies(actor: Actor, month: string, version?: number) {
    const period = this.startedMonth(month);
    const { list } = await this.dataSource.transaction('REPEATABLE READ', (m) =>
      this.listFor(m, actor.courtId, period, { withCases: false, version }),
    );
    return subsidiesView(list);
  }

  /**
   * The list and its cases (for the xlsx), read together. The case list names every party of the month's
   * concluded cases: the export is recorded (on the user) in the same transaction.
   */
  async subsidiesWithCases(actor: Actor, month: string, version?: number) {
    const period = this.startedMonth(month);
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const found = await this.listFor(m, actor.courtId, period, { withCases: true, version });
      await this.audit.record(m, actor, {
        subjectType: 'USER',
        subjectId: actor.userId,
        action: 'PERSONAL_DATA_EXPORTED',
        after: { export: 'SUBSIDY_CASE_LIST', month, version: version ?? null, cases: found.cases.length },
      });
      return found;
    });
  }

  /**
   * What a month close freezes (关账): the list and its cases at the rates in force now.
   * Called inside the close's transaction, under its lock.
   */
  async listToFreeze(m: EntityManager, courtId: string, period: StatisticsPeriod) {
    const rates = (await this.ratesInForce(m, courtId)).rates;
    const figures = await this.computeFigures(m, courtId, period, rates);
    const cases = await concludedCases(m, courtId, period, rates);
    return { rates, list: storeSubsidyList(figures, cases, this.clock.now()) };
  }

  /**
   * A closed month: the list frozen with its latest close, or with the asked `version`
   * (or, for a close made before lists were frozen, the cases now at the rates frozen
   * then). An open month: live, at the rates in force.
   */
  private async listFor(
    m: EntityManager,
    courtId: string,
    period: StatisticsPeriod,
    { withCases, version }: { withCases: boolean; version?: number },
  ): Promise<{ list: SubsidyList; cases: SubsidyCase[] }> {
    const court = await m.findOneByOrFail(Court, { id: courtId });
    const close = await monthClose(m, courtId, period, version);
    if (version !== undefined && !close) {
      throw new NotFoundError('SNAPSHOT_NOT_FOUND', `${period.label} 没有第 ${version} 版关账数据`);
    }
    const head = {
      court: { id: court.id, code: court.code, name: court.name },
      period: { label: period.label, from: period.firstDay, to: period.lastDay },
      generatedAt: this.clock.now(),
    };
    if (close?.subsidyList && close.subsidyRates) {
      const frozen = loadSubsidyList(close.subsidyList);
      const rates = loadSubsidyRates(close.subsidyRates);
      const list = { ...head, rateSource: 'MONTH_CLOSE', closedVersion: close.version, frozen: true, rates };
      return { list: { ...list, ...frozen.figures } as SubsidyList, cases: frozen.cases };
    }
    const inForce = close?.subsidyRates ? null : await this.ratesInForce(m, courtId);
    const rates = inForce ? inForce.rates : loadSubsidyRates(close!.subsidyRates!);
    const figures = await this.computeFigures(m, courtId, period, rates);
    const list: SubsidyList = {
      ...head,
      rateSource: inForce ? inForce.source : 'MONTH_CLOSE',
      closedVersion: close?.version ?? null,
      frozen: false,
      rates,
      ...figures,
    };
    return { list, cases: withCases ? await concludedCases(m, courtId, period, rates) : [] };
  }

  /** Every roster mediator with the month's concluded cases per outcome, case type and difficulty, paid at `rates`. */
  private async computeFigures(m: EntityManager, courtId: string, period: StatisticsPeriod, rates: SubsidyRateEntry[]) {
    const mediators = await rosterMediators(m, courtId);
    const rows: {
      mediatorId: string | null;
      outcome: SubsidyOutcome;
      caseType: string;
      difficulty: string | null;
      cases: string;
    }[] = await m.query(
      `SELECT c.mediator_id AS "mediatorId", c.outcome, c.case_type AS "caseType", o.difficulty, count(*) AS cases
         FROM cases c
         LEFT JOIN mediation_outcomes o ON o.case_id = c.id
         WHERE c.court_id = $1 AND c.concluded_at >= $2 AND c.concluded_at < $3
         GROUP BY c.mediator_id, c.outcome, c.case_type, o.difficulty`,
      [courtId, period.start, period.end],
    );
    return mediatorSubsidies(mediators, withDefaultDifficulty(rows), rates);
  }

  /** The court's own rate table, or the configured defaults when it has none. */
  async ratesInForce(m: EntityManager, courtId: string): Promise<EffectiveRates> {
    return this.effectiveRates(await findSubsidyRates(m, courtId));
  }

  private effectiveRates(rows: SubsidyRate[]): EffectiveRates {
    if (rows.length === 0) return { source: 'CONFIG', rates: this.defaults, updatedAt: null, updatedBy: null };
    return {
      source: 'COURT',
      rates: rows.map((r) => ({
        outcome: r.outcome,
        caseType: r.caseType,
        difficulty: r.difficulty,
        amountFen: BigInt(r.amountFen),
      })),
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
    frozen: list.frozen,
    rates: rateLines(list.rates),
    mediators: list.mediators.map((m) => ({
      mediatorId: m.mediatorId,
      name: m.name,
      organization: m.organization,
      cases: m.cases,
      lines: m.lines.map((l) => ({
        outcome: l.outcome,
        caseType: l.caseType,
        difficulty: l.difficulty,
        difficultyLabel: CASE_DIFFICULTY_LABELS[l.difficulty],
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

/** The month's close of that version, else its latest, if any. */
function monthClose(
  m: EntityManager,
  courtId: string,
  period: StatisticsPeriod,
  version?: number,
): Promise<MonthClose | null> {
  return m.findOne(StatisticsSnapshot, {
    select: { version: true, subsidyRates: true, subsidyList: true },
    where: { courtId, month: period.label, ...(version !== undefined ? { version } : {}) },
    order: { version: 'DESC' },
  });
}

/**
 * Counts with the case type's usual difficulty where the outcome has none (expired
 * cases, outcomes recorded before difficulties were), merged per group.
 */
function withDefaultDifficulty(
  rows: {
    mediatorId: string | null;
    outcome: SubsidyOutcome;
    caseType: string;
    difficulty: string | null;
    cases: string;
  }[],
): SubsidyCount[] {
  const groups = new Map<string, SubsidyCount>();
  for (const row of rows) {
    const difficulty = isCaseDifficulty(row.difficulty) ? row.difficulty : defaultDifficulty(row.caseType);
    const key = JSON.stringify([row.mediatorId, row.outcome, row.caseType, difficulty]);
    const group = groups.get(key) ?? { ...row, difficulty, cases: 0 };
    group.cases += Number(row.cases);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The month's concluded cases with a mediator, with their parties' names, difficulty and rate. */
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
    difficulty: string | null;
    outcome: SubsidyOutcome;
    concluded_at: Date;
    plaintiffs: string | null;
    defendants: string | null;
  }[] = await m.query(
    `SELECT c.mediator_id, c.prelitigation_number, c.case_type, c.outcome, c.concluded_at,
       (SELECT o.difficulty FROM mediation_outcomes o WHERE o.case_id = c.id) AS difficulty,
       (SELECT string_agg(p.name, '、' ORDER BY p.position) FROM parties p
         WHERE p.case_id = c.id AND p.role = 'PLAINTIFF') AS plaintiffs,
       (SELECT string_agg(p.name, '、' ORDER BY p.position) FROM parties p
         WHERE p.case_id = c.id AND p.role = 'DEFENDANT') AS defendants
     FROM cases c
     WHERE c.court_id = $1 AND c.concluded_at >= $2 AND c.concluded_at < $3 AND c.mediator_id IS NOT NULL
     ORDER BY c.mediator_id, c.concluded_at, c.id`,
    [courtId, period.start, period.end],
  );
  return rows.map((r) => {
    const difficulty = isCaseDifficulty(r.difficulty) ? r.difficulty : defaultDifficulty(r.case_type);
    return {
      mediatorId: r.mediator_id,
      caseNumber: r.prelitigation_number,
      caseType: r.case_type,
      difficulty,
      outcome: r.outcome,
      concludedOn: chinaDate(r.concluded_at),
      plaintiffs: r.plaintiffs ?? '',
      defendants: r.defendants ?? '',
      rateFen: subsidyRateFor(rates, r.outcome, r.case_type, difficulty),
    };
  });
}
