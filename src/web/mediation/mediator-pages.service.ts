// The mediator's pages (掌上办公): the open cases with their days left, and the mediation forms of the case
// page (sessions, extensions, outcome, performance, judicial confirmation). Each form goes through the
// mediation services; on success it returns to the case page, on a refusal the page shows the form again.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { isUuid } from '../../common/court-scope.js';
import { AssignmentService } from '../../assignment/assignment.service.js';
import { CaseReader } from '../../cases/case-reader.service.js';
import type { Party } from '../../cases/party.entity.js';
import { ExtendPeriodDto } from '../../mediation/extension.dto.js';
import { ExtensionsService } from '../../mediation/extensions.service.js';
import { RecordOutcomeDto } from '../../mediation/outcome.dto.js';
import { OutcomesService } from '../../mediation/outcomes.service.js';
import { RecordSessionDto } from '../../mediation/session.dto.js';
import { RecordReceiptDto } from '../../mediation/receipt.dto.js';
import { MaterialsReceiptService } from '../../mediation/materials-receipt.service.js';
import {
  ApplyJudicialConfirmationDto,
  RecordJudicialConfirmationDto,
  RecordPerformanceDto,
} from '../../mediation/settlement-follow-up.dto.js';
import { JudicialConfirmationService } from '../../mediation/judicial-confirmation.service.js';
import { SettlementFollowUpService } from '../../mediation/settlement-follow-up.service.js';
import type { SettlementMethod } from '../../mediation/mediation-outcome.entity.js';
import { SessionsService } from '../../mediation/sessions.service.js';
import { WorkspaceService } from '../../mediation/workspace.service.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import { deadlineView } from './deadline-view.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FormFields } from '../kit/form-body.js';
import { namedField, refusalOf, refusedForm, type Refusal } from '../kit/form-refusal.js';
import { SETTLEMENT_METHOD_LABELS } from './mediation-labels.js';
import {
  applicationBody,
  choiceFriendly,
  confirmationBody,
  confirmationRefusalFields,
  extensionBody,
  extensionRefusalFields,
  failBody,
  performanceBody,
  readApplicationForm,
  readConfirmationForm,
  readExtensionForm,
  readFailForm,
  readPerformanceForm,
  readReceiptForm,
  readSessionForm,
  receiptBody,
  readSettleForm,
  readWithdrawForm,
  sessionBody,
  settleBody,
  settleFieldOf,
  versionOf,
  withdrawBody,
} from './mediation-forms.js';
import type { MediationForms, MediationSection } from './mediation-section.service.js';
import { MediationConfig } from '../../mediation/mediation-config.js';
import { Redirect, View } from '../kit/page-result.js';

const NO_LONGER_OFFERED = '案件状态已变化，此项已无法办理。请查看页面上的最新情况。';

/** Whether the case page offers each form (as MediationSectionService decides). */
const FORM_OFFERED: Record<keyof MediationForms, (can: MediationSection['can']) => boolean> = {
  receipt: (can) => can.receive,
  session: (can) => can.recordSession,
  extension: (can) => can.extend,
  settle: (can) => can.conclude,
  fail: (can) => can.conclude,
  withdraw: (can) => can.withdraw,
  performance: (can) => can.recordPerformance,
  confirmation: (can) => can.confirm,
  application: (can) => can.applyConfirmation,
};

@Injectable()
export class MediatorPagesService {
  constructor(
    private readonly cases: CaseReader,
    private readonly assignments: AssignmentService,
    private readonly workspace: WorkspaceService,
    private readonly sessions: SessionsService,
    private readonly receipts: MaterialsReceiptService,
    private readonly extensions: ExtensionsService,
    private readonly outcomes: OutcomesService,
    private readonly followUp: SettlementFollowUpService,
    private readonly confirmations: JudicialConfirmationService,
    private readonly casePages: CasePagesService,
    private readonly config: MediationConfig,
  ) {}

  /**
   * 我的在办案件: nearest deadline first, each with its parties and days left; settlements due for follow-up.
   * `recused`: a case the mediator just withdrew from (自行回避), which the page says is no longer theirs.
   */
  async myCases(actor: Actor, recused?: string) {
    const { today, cases, followUps } = await this.workspace.myCases(actor);
    const parties = await this.cases.partiesOf(cases.map((c) => c.id));
    const rows = cases.map((c) => ({
      ...c,
      deadline: c.mediationDeadline ? deadlineView(c.mediationDeadline, today, this.config.warningDaysBefore) : null,
      plaintiffs: namesOf(parties, c.id, 'PLAINTIFF'),
      defendants: namesOf(parties, c.id, 'DEFENDANT'),
    }));
    return {
      today,
      warningDaysBefore: this.config.warningDaysBefore,
      recused: await this.recusalOf(actor, recused),
      cases: rows,
      overdue: rows.filter((r) => r.deadline?.level === 'overdue').length,
      dueSoon: rows.filter((r) => r.deadline?.level === 'today' || r.deadline?.level === 'soon').length,
      followUps: followUps.map((f) => ({
        ...f,
        methodLabel: SETTLEMENT_METHOD_LABELS[f.settlementMethod as SettlementMethod],
      })),
    };
  }

  /**
   * The actor's own recusal from a case, with the case's number: the case is no longer theirs to read, so only
   * a recusal they made themselves is shown (a link cannot make the page claim one).
   */
  private async recusalOf(actor: Actor, caseId: string | undefined) {
    return isUuid(caseId) ? this.assignments.ownRecusal(actor, caseId) : null;
  }

  async recordReceipt(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const values = readReceiptForm(fields);
    try {
      const dto = await checkedDto(RecordReceiptDto, withReason(receiptBody(values, versionOf(fields)), fields));
      await this.receipts.record(actor, caseId, dto);
      return savedRedirect(caseId, 'receipt', 'receipt');
    } catch (error) {
      return this.showAgain(actor, caseId, error, friendly(refusalOf(error, namedField)), 'receipt', values);
    }
  }

  async recordSession(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const values = readSessionForm(fields);
    try {
      const dto = await checkedDto(RecordSessionDto, withReason(sessionBody(values, versionOf(fields)), fields));
      await this.sessions.record(actor, caseId, dto);
      return savedRedirect(caseId, 'session', 'sessions');
    } catch (error) {
      return this.showAgain(actor, caseId, error, friendly(refusalOf(error, namedField)), 'session', values);
    }
  }

  async extend(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const values = readExtensionForm(fields);
    try {
      const dto = await checkedDto(ExtendPeriodDto, extensionBody(values, versionOf(fields)));
      await this.extensions.extend(actor, caseId, dto);
      return savedRedirect(caseId, 'extension', 'extensions');
    } catch (error) {
      return this.showAgain(actor, caseId, error, refusalOf(error, extensionRefusalFields), 'extension', values);
    }
  }

  /** One handler for the three outcome forms; `result` says which form was sent. */
  recordOutcome(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const version = versionOf(fields);
    switch (outcomeFormOf(fields)) {
      case 'fail': {
        const values = readFailForm(fields);
        return this.conclude(actor, caseId, withReason(failBody(values, version), fields), 'fail', values);
      }
      case 'withdraw': {
        const values = readWithdrawForm(fields);
        return this.conclude(actor, caseId, withReason(withdrawBody(values, version), fields), 'withdraw', values);
      }
      case 'settle': {
        const values = readSettleForm(fields);
        return this.conclude(actor, caseId, withReason(settleBody(values, version), fields), 'settle', values);
      }
    }
  }

  async recordPerformance(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const values = readPerformanceForm(fields);
    try {
      const dto = await checkedDto(RecordPerformanceDto, performanceBody(values));
      await this.followUp.recordPerformance(actor, caseId, dto);
      return savedRedirect(caseId, 'performance', 'outcome');
    } catch (error) {
      return this.showAgain(actor, caseId, error, friendly(refusalOf(error)), 'performance', values);
    }
  }

  async recordJudicialConfirmation(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const values = readConfirmationForm(fields);
    try {
      const dto = await checkedDto(RecordJudicialConfirmationDto, confirmationBody(values));
      await this.confirmations.rule(actor, caseId, dto);
      return savedRedirect(caseId, 'confirmation', 'outcome');
    } catch (error) {
      const refusal = friendly(refusalOf(error, confirmationRefusalFields));
      return this.showAgain(actor, caseId, error, refusal, 'confirmation', values);
    }
  }

  /** 司法确认申请: the case gets its 民特 number. */
  async applyJudicialConfirmation(actor: Actor, caseId: string, fields: FormFields): Promise<Redirect | View> {
    const values = readApplicationForm(fields);
    try {
      const dto = await checkedDto(ApplyJudicialConfirmationDto, applicationBody(values, versionOf(fields)));
      await this.confirmations.apply(actor, caseId, dto);
      return savedRedirect(caseId, 'application', 'outcome');
    } catch (error) {
      const refusal = refusalOf(error, confirmationRefusalFields);
      return this.showAgain(actor, caseId, error, refusal, 'application', values);
    }
  }

  private async conclude<K extends 'settle' | 'fail' | 'withdraw'>(
    actor: Actor,
    caseId: string,
    body: object,
    form: K,
    values: MediationForms[K]['values'],
  ): Promise<Redirect | View> {
    try {
      const dto = await checkedDto(RecordOutcomeDto, body);
      await this.outcomes.record(actor, caseId, dto);
      return savedRedirect(caseId, 'outcome', 'outcome');
    } catch (error) {
      const refusal = friendly(refusalOf(error, namedField));
      const unnested = refusal && { ...refusal, errors: renameFields(refusal.errors, settleFieldOf) };
      return this.showAgain(actor, caseId, error, unnested, form, values);
    }
  }

  /**
   * The case page again, built afresh (a lost race shows the latest state), with the refused form filled in
   * as sent; when the form is no longer offered (the case moved on meanwhile), the problem is said above the
   * section. What is not a form problem (404, 403) goes to the error page.
   */
  private async showAgain<K extends keyof MediationForms>(
    actor: Actor,
    caseId: string,
    error: unknown,
    refusal: Refusal | undefined,
    form: K,
    values: MediationForms[K]['values'],
  ): Promise<View> {
    if (!refusal) throw error;
    const page = await this.casePages.casePage(actor, caseId, false);
    const mediation = page.mediation;
    mediation.forms[form] = refusedForm(values, refusal) as MediationForms[K];
    if (!FORM_OFFERED[form](mediation.can)) mediation.problem = refusal.problem ?? NO_LONGER_OFFERED;
    return new View('cases/show', page, refusal.status);
  }
}

/** The refusal with a plain request in place of a list of codes for a choice left empty. */
function friendly(refusal: Refusal | undefined): Refusal | undefined {
  return refusal && { ...refusal, errors: choiceFriendly(refusal.errors) };
}

/** The form's 代为录入的理由, where the coordinator gave one (see `onBehalfOf`). */
function withReason<T extends object>(body: T, fields: FormFields): T & { onBehalfReason?: string } {
  const reason = typeof fields.onBehalfReason === 'string' ? fields.onBehalfReason.trim() : '';
  return reason === '' ? body : { ...body, onBehalfReason: reason };
}

function savedRedirect(caseId: string, saved: string, anchor: string): Redirect {
  return new Redirect(`/cases/${caseId}?saved=${saved}#${anchor}`);
}

function outcomeFormOf(fields: FormFields): 'settle' | 'fail' | 'withdraw' {
  const result = typeof fields.result === 'string' ? fields.result : '';
  return result === 'FAILED' ? 'fail' : result === 'WITHDRAWN' ? 'withdraw' : 'settle';
}

function renameFields(errors: Record<string, string>, rename: (field: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [rename(field), message]));
}

function namesOf(parties: Party[], caseId: string, role: Party['role']): string {
  return parties
    .filter((p) => p.caseId === caseId && p.role === role)
    .map((p) => p.name)
    .join('、');
}
