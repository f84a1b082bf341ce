// 补贴标准 (以案定补): the administrator's page of the court's subsidy rates, the rates in force and the form
// that replaces them. The form goes through the API's own service (PUT /statistics/subsidy-rates), so the same
// check, lock and history apply.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { caseTypeNames } from '../../cases/case-types.js';
import { PutSubsidyRatesDto } from '../../statistics/statistics.dto.js';
import { SubsidiesService } from '../../statistics/subsidies.service.js';
import { SUBSIDY_OUTCOME_LABELS, SUBSIDY_OUTCOMES } from '../../statistics/subsidy-rules.js';
import { CASE_DIFFICULTIES } from '../../mediation/case-difficulty.js';
import { UsersService } from '../../users/users.service.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FieldMessages } from '../kit/field-errors.js';
import type { FormFields } from '../kit/form-body.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { Redirect, View } from '../kit/page-result.js';
import {
  cellErrors,
  difficultyLabel,
  rateCells,
  rateFormValues,
  rateTable,
  readRateForm,
  type RateCell,
  type RateFormValues,
} from './subsidy-rates-form.js';

type EffectiveRatesView = Awaited<ReturnType<SubsidiesService['rates']>>;

@Injectable()
export class SubsidyRatesPageService {
  constructor(
    private readonly users: UsersService,
    private readonly subsidies: SubsidiesService,
  ) {}

  async page(actor: Actor, saved?: string) {
    const current = await this.subsidies.rates(actor);
    const cells = rateCells(caseTypeNames());
    return { ...(await this.view(current, cells, rateFormValues(cells, current.rates), {})), saved: saved === '1' };
  }

  /** Replaces the court's table; refused, the form comes back as typed with each error at its cell. */
  async save(actor: Actor, fields: FormFields): Promise<Redirect | View> {
    const cells = rateCells(caseTypeNames());
    const values = readRateForm(cells, fields);
    const { rates, sent } = rateTable(cells, values);
    try {
      await this.subsidies.putRates(actor, await checkedDto(PutSubsidyRatesDto, { rates }));
      return new Redirect('/admin/subsidy-rates?saved=1');
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const current = await this.subsidies.rates(actor);
      const view = await this.view(current, cells, values, cellErrors(errors, sent, values));
      return new View('admin-rules/subsidy-rates', { ...view, saved: false }, formErrorStatus(error));
    }
  }

  private async view(current: EffectiveRatesView, cells: RateCell[], form: RateFormValues, errors: FieldMessages) {
    const updatedByName = current.updatedBy ? await this.users.displayNameOf(current.updatedBy) : null;
    const base = cells.filter((cell) => cell.caseType === null && cell.difficulty === null);
    return {
      source: current.source,
      updatedAt: current.updatedAt,
      updatedByName,
      outcomes: SUBSIDY_OUTCOMES.map((outcome) => ({ value: outcome, label: SUBSIDY_OUTCOME_LABELS[outcome] })),
      // The rates in force per outcome: the base rate and the difficulties and case types paid otherwise.
      inForce: SUBSIDY_OUTCOMES.map((outcome) => ({
        label: SUBSIDY_OUTCOME_LABELS[outcome],
        base:
          current.rates.find((r) => r.outcome === outcome && r.caseType === null && r.difficulty === null)?.amount ??
          null,
        special: current.rates
          .filter((r) => r.outcome === outcome && (r.caseType !== null || r.difficulty !== null))
          .map((r) => ({
            scope: [r.difficulty ? difficultyLabel(r.difficulty) : null, r.caseType].filter(Boolean).join(' · '),
            amount: r.amount,
          })),
      })),
      rows: [
        { base: true, label: '基础标准', cells: base },
        ...CASE_DIFFICULTIES.map((difficulty) => ({
          base: false,
          label: difficultyLabel(difficulty),
          cells: cells.filter((c) => c.difficulty === difficulty && c.caseType === null),
        })),
        ...caseTypeNames().map((caseType) => ({
          base: false,
          label: caseType,
          cells: cells.filter((c) => c.caseType === caseType),
        })),
      ],
      form,
      errors,
      labels: Object.fromEntries(cells.map((cell) => [cell.name, cell.label])),
      ids: Object.fromEntries(cells.map((cell) => [cell.name, cell.id])),
    };
  }
}
