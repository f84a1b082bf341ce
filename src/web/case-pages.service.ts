// The clerk's registration form, the case page and a minimal worklist.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ValidationFailedError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { loadCase, scopeCases, seesWholeCourt } from '../intake/case-access.js';
import { CASE_STATUSES, CASE_STATUS_LABELS, type CaseStatus } from '../intake/case-status.js';
import { caseTypeNames } from '../intake/case-types.js';
import { Case } from '../intake/case.entity.js';
import { IntakeService } from '../intake/intake.service.js';
import { Party, PARTY_KINDS, PARTY_ROLES } from '../intake/party.entity.js';
import { RegisterCaseDto } from '../intake/register-case.dto.js';
import { blankCaseForm, blankParty, readCaseForm, toRegisterBody, type CaseFormValues } from './case-form.js';
import { checkedDto } from './dto-check.js';
import { fieldMessages, type FieldMessages } from './field-errors.js';
import type { FormFields } from './form-body.js';
import { Redirect, View } from './page-result.js';
import { timelineEntry } from './timeline.js';
import { ConsultationSectionService } from './consultation-section.service.js';
import { MediationSectionService } from './mediation-section.service.js';

const WORKLIST_SIZE = 50;

/** The sections of the case page that later stages fill in (placeholders until their pages land). */
const LATER_SECTIONS = [
  { id: 'notice', title: '告知书与当事人意见', empty: '尚未发出诉前调解告知书。' },
  { id: 'assignment', title: '调解员分派', empty: '尚未分派调解员。' },
];

@Injectable()
export class CasePagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly intake: IntakeService,
    private readonly mediation: MediationSectionService,
    private readonly consultations: ConsultationSectionService,
  ) {}

  newCaseForm() {
    return this.formPage(blankCaseForm(), {});
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
      if (!(error instanceof ValidationFailedError)) throw error;
      return new View('cases/new', this.formPage(form, fieldMessages(error.details)), 400);
    }
  }

  /** `saved` names the form that just went through (a redirect's `?saved=`), for its confirmation. */
  async casePage(actor: Actor, id: string, registered: boolean, saved?: string) {
    const [view, events] = await Promise.all([this.intake.get(actor, id), this.intake.events(actor, id)]);
    return {
      c: view,
      registered,
      relatedCases: await this.relatedCases(actor, id),
      timeline: events.map(timelineEntry),
      laterSections: LATER_SECTIONS,
      mediation: await this.mediation.forCase(actor, id, saved),
      consultations: await this.consultations.forCase(actor, id, saved),
    };
  }

  /** Newest cases the actor may see, optionally of one status (the full list with paging is GET /api/v1/cases). */
  async worklist(actor: Actor, status: string | undefined) {
    const filter = (CASE_STATUSES as readonly string[]).includes(status ?? '') ? (status as CaseStatus) : undefined;
    const qb = scopeCases(this.dataSource.getRepository(Case).createQueryBuilder('c'), 'c', actor);
    if (filter) qb.andWhere('c.status = :status', { status: filter });
    const cases = await qb.orderBy('c.registeredAt', 'DESC').addOrderBy('c.id', 'DESC').limit(WORKLIST_SIZE).getMany();
    const parties = cases.length
      ? await this.dataSource.getRepository(Party).find({
          where: { caseId: In(cases.map((c) => c.id)) },
          order: { position: 'ASC' },
        })
      : [];
    return {
      status: filter ?? '',
      statuses: CASE_STATUSES.map((value) => ({ value, label: CASE_STATUS_LABELS[value] })),
      limit: WORKLIST_SIZE,
      cases: cases.map((c) => ({
        id: c.id,
        number: c.prelitigationNumber,
        caseType: c.caseType,
        status: c.status,
        registeredAt: c.registeredAt,
        claimAmount: formatYuan(c.claimAmountFen),
        plaintiffs: namesOf(parties, c.id, 'PLAINTIFF'),
        defendants: namesOf(parties, c.id, 'DEFENDANT'),
      })),
    };
  }

  /** Open cases sharing a party (关联案件), for staff who see the whole court; a mediator sees only their own. */
  private async relatedCases(actor: Actor, id: string) {
    if (!seesWholeCourt(actor)) return [];
    const c = await loadCase(this.dataSource.manager, actor, id);
    const parties = await this.dataSource.getRepository(Party).find({ where: { caseId: c.id } });
    return this.intake.relatedCases(actor, c, parties);
  }

  private formPage(form: CaseFormValues, errors: FieldMessages) {
    return { form, errors, caseTypes: caseTypeNames(), options: this.partyOptions() };
  }

  private partyOptions() {
    return { roles: PARTY_ROLES, kinds: PARTY_KINDS };
  }
}

function namesOf(parties: Party[], caseId: string, role: Party['role']): string {
  return parties
    .filter((p) => p.caseId === caseId && p.role === role)
    .map((p) => p.name)
    .join('、');
}
