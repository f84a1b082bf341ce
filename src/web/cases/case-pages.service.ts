// The clerk's registration form and the case page.
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { ValidationFailedError, type DomainError } from '../../common/errors.js';
import { formatCaseNumber } from '../../cases/case-number.js';
import { PROCEDURE_LABELS, TRIAL_PROCEDURES, TRIAL_PROCEDURE_LABELS } from '../../cases/procedure.js';
import { seesWholeCourt } from '../../cases/case-access.js';
import { CaseOps } from '../../cases/case-ops.js';
import { CaseReader } from '../../cases/case-reader.service.js';
import { caseLoanView, caseView } from '../../cases/case-view.js';
import type { LoadedCase } from './loaded-case.js';
import { caseTypeNames } from '../../cases/case-types.js';
import { IntakeService } from '../../intake/intake.service.js';
import { PARTY_KINDS, PARTY_ROLES } from '../../cases/party.entity.js';
import { RegisterCaseDto } from '../../intake/register-case.dto.js';
import { blankCaseForm, blankParty, readCaseForm, toRegisterBody, type CaseFormValues } from '../clerk/case-form.js';
import { checkedDto } from '../kit/dto-check.js';
import { fieldMessages, type FieldMessages } from '../kit/field-errors.js';
import type { FormFields } from '../kit/form-body.js';
import { AssignmentSectionsService } from '../coordination/assignment-sections.js';
import { FORM_ERROR, refusalOf, type FormAttempt } from '../kit/form-refusal.js';
import { Redirect, View } from '../kit/page-result.js';
import { ReferralSectionsService } from '../clerk/referral-sections.js';
import { timelineEntry } from './timeline.js';
import { ConsultationSectionService } from '../consultation/consultation-section.service.js';
import { MediationSectionService } from '../mediation/mediation-section.service.js';
import { ScheduleSectionService } from '../agenda/schedule-section.service.js';
import { ReferralNoticeService } from '../../referral/referral-notice.service.js';
import { caseNumbers } from './worklist-page.service.js';
import { CaseFileSectionService, type CaseFileRefusal } from '../casefile/casefile-section.service.js';
import { TrialSectionsService } from '../trial/trial-sections.js';
import { CorrectionsSectionService, type CorrectionRefusal } from '../corrections/corrections-section.service.js';

type RegistrationChoices = Awaited<ReturnType<IntakeService['registrationChoices']>>;

/** A refusal of the registration about one of its choices is shown at that field (the old procedure ended, a taken number). */
function registrationRefusalFields(error: DomainError): FieldMessages {
  if (error instanceof ValidationFailedError) return fieldMessages(error.details);
  if (error.code === 'PROCEDURE_ENDED') return { procedure: error.message };
  if (error.code === 'CASE_NUMBER_TAKEN') return { filingNumber: error.message };
  return {};
}

/** What the case page shows besides the case: a step just done (`?done=`), or a form refused with its errors. */
interface CasePageExtras {
  done?: string;
  saved?: string;
  attempt?: FormAttempt;
  /** A refused upload or withdrawal of the case file. */
  caseFile?: CaseFileRefusal;
  /** A refused correction (更正, 添加当事人, 添加代理人, 撤销登记). */
  corrections?: CorrectionRefusal;
}

@Injectable()
export class CasePagesService {
  constructor(
    private readonly caseOps: CaseOps,
    private readonly cases: CaseReader,
    private readonly notices: ReferralNoticeService,
    private readonly intake: IntakeService,
    private readonly mediation: MediationSectionService,
    private readonly consultations: ConsultationSectionService,
    private readonly referralSections: ReferralSectionsService,
    private readonly assignmentSections: AssignmentSectionsService,
    private readonly caseFile: CaseFileSectionService,
    private readonly trialSections: TrialSectionsService,
    private readonly scheduleSection: ScheduleSectionService,
    private readonly correctionsSection: CorrectionsSectionService,
  ) {}

  async newCaseForm(actor: Actor) {
    const choices = await this.intake.registrationChoices(actor);
    return this.formPage(blankCaseForm(choices.defaultProcedure), {}, choices);
  }

  /** One more party block for the form (fetched by htmx when the clerk adds a party). */
  partyFieldset() {
    return { party: blankParty('DEFENDANT', 'PERSON'), errors: {}, options: this.partyOptions() };
  }

  /** 立案登记 from the form: on success to the case page; otherwise the form again, each error at its field. */
  async register(actor: Actor, fields: FormFields): Promise<Redirect | View> {
    const form = readCaseForm(fields);
    try {
      const body = await checkedDto(RegisterCaseDto, toRegisterBody(form));
      const created = await this.intake.register(actor, body);
      return new Redirect(`/cases/${created.id}?registered=1`);
    } catch (error) {
      const refusal = refusalOf(error, registrationRefusalFields);
      if (!refusal) throw error;
      const choices = await this.intake.registrationChoices(actor);
      const errors =
        Object.keys(refusal.errors).length === 0 && refusal.problem
          ? { [FORM_ERROR]: refusal.problem }
          : refusal.errors;
      return new View('cases/new', this.formPage(form, errors, choices), refusal.status);
    }
  }

  /**
   * `extras.saved` names the form that just went through (a redirect's `?saved=`), for its confirmation.
   * The case and its parties are read once, then the sections side by side.
   */
  async casePage(actor: Actor, id: string, registered: boolean, extras: CasePageExtras = {}) {
    const c = await this.caseOps.read(actor, id);
    const parties = await this.cases.partiesOf(c.id);
    const loaded: LoadedCase = { c, parties, view: caseView(c, parties) };
    const [
      events,
      notices,
      relatedCases,
      referral,
      assignment,
      mediation,
      consultations,
      caseFile,
      trial,
      schedule,
      corrections,
    ] = await Promise.all([
      this.intake.events(actor, c.id),
      this.notices.latestNumbers(actor, [c.id]),
      this.relatedCases(actor, loaded),
      this.referralSections.forCase(actor, loaded, extras.attempt),
      this.assignmentSections.forCase(actor, loaded, extras.attempt),
      this.mediation.forCase(actor, loaded, extras.saved),
      this.consultations.forCase(actor, loaded, extras.saved),
      this.caseFile.forCase(actor, loaded, extras.saved, extras.caseFile),
      this.trialSections.forCase(actor, loaded, extras.attempt),
      this.scheduleSection.forCase(actor, loaded, extras.attempt),
      this.correctionsSection.forCase(actor, loaded, extras.saved, extras.corrections),
    ]);
    return {
      c: loaded.view,
      loan: caseLoanView(c),
      numbers: caseNumbers(loaded.view, notices.get(c.id) ?? null),
      registered,
      relatedCases,
      timeline: events.map(timelineEntry),
      done: extras.done ?? '',
      referral,
      assignment,
      mediation,
      consultations,
      caseFile,
      trial,
      schedule,
      corrections,
      documents: {
        canRevealPhone: hasPermission(actor, 'personalData.reveal'),
        canPrintAgreement: hasPermission(actor, 'mediationAgreement.print'),
        canPrintRuling: hasPermission(actor, 'judicialRuling.print'),
      },
    };
  }

  /** Open cases sharing a party (关联案件), for staff who see the whole court; a mediator sees only their own. */
  private async relatedCases(actor: Actor, { c, parties }: LoadedCase) {
    if (seesWholeCourt(actor)) return this.intake.relatedCases(actor, c, parties);
    return { cases: [], institutions: [], nameMismatches: [] };
  }

  private formPage(form: CaseFormValues, errors: FieldMessages, choices: RegistrationChoices) {
    return {
      form,
      errors,
      caseTypes: caseTypeNames(),
      options: this.partyOptions(),
      registration: {
        ...choices,
        procedureOptions: choices.procedures.map((value) => ({ value, label: PROCEDURE_LABELS[value] })),
        trialProcedureOptions: TRIAL_PROCEDURES.map((value) => ({ value, label: TRIAL_PROCEDURE_LABELS[value] })),
        numberExample: formatCaseNumber(choices.year, choices.courtCode, '民初', 123),
      },
    };
  }

  private partyOptions() {
    return { roles: PARTY_ROLES, kinds: PARTY_KINDS };
  }
}
