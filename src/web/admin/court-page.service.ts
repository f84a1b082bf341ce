// 本院信息与部门: the administrator's page of the court (its name and 辖区常住人口, the denominator of 万人成讼率)
// and its divisions (庭室) with how many people work in each, plus the edit page of one division. Every form goes
// through CourtService, as PATCH /court and POST/PATCH /court/divisions do, so the same checks and history apply.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { NotFoundError } from '../../common/errors.js';
import { CreateDivisionDto, UpdateCourtDto, UpdateDivisionDto } from '../../courts/court.dto.js';
import { CourtService } from '../../courts/court.service.js';
import { FILING_NUMBER_SOURCES, FILING_NUMBER_SOURCE_LABELS } from '../../cases/procedure.js';
import { DIVISION_KINDS, type DivisionKind } from '../../courts/division.entity.js';
import { UsersService } from '../../users/users.service.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { Redirect, View } from '../kit/page-result.js';
import { DIVISION_KIND_LABELS, populationOf, populationProblem, populationText } from './court-form.js';

const COURT_FIELD_LABELS: Record<string, string> = {
  name: '法院名称',
  population: '辖区常住人口',
  phone: '联系电话',
  address: '法院地址',
  publicUrl: '平台网址',
  noticeReplyDays: '告知书答复期限',
  mediatorChoiceWorkingDays: '选择调解员期限',
  filingNumbers: '民初、民特案号',
  legacyUntil: '停止诉前调解登记之日',
};
const DIVISION_FIELD_LABELS: Record<string, string> = { name: '部门名称', kind: '部门类别', headUserId: '部门负责人' };

interface CourtFormValues {
  name: string;
  population: string;
  phone: string;
  address: string;
  publicUrl: string;
  noticeReplyDays: string;
  mediatorChoiceWorkingDays: string;
  filingNumbers: string;
  legacyUntil: string;
}

const COURT_TEXT_FIELDS = [
  'name',
  'population',
  'phone',
  'address',
  'publicUrl',
  'noticeReplyDays',
  'mediatorChoiceWorkingDays',
  'filingNumbers',
  'legacyUntil',
] as const;

/** A blank optional field leaves the setting as it is; the reply days are a whole number or left for the DTO. */
function courtBody(form: CourtFormValues) {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const days = form.noticeReplyDays.trim();
  const choiceDays = form.mediatorChoiceWorkingDays.trim();
  return {
    name: form.name,
    population: populationOf(form.population),
    phone: optional(form.phone),
    address: optional(form.address),
    publicUrl: optional(form.publicUrl),
    noticeReplyDays: days === '' ? undefined : /^\d{1,3}$/.test(days) ? Number(days) : days,
    mediatorChoiceWorkingDays:
      choiceDays === '' ? undefined : /^\d{1,3}$/.test(choiceDays) ? Number(choiceDays) : choiceDays,
    filingNumbers: optional(form.filingNumbers),
    legacyUntil: optional(form.legacyUntil),
  };
}

interface DivisionFormValues {
  name: string;
  kind: string;
  /** Only on the edit page: the head (庭长), '' for none. */
  headUserId?: string;
}

/** A refused form: what was typed, and why. */
interface Refused<T> {
  values: T;
  errors: FieldMessages;
}

/** The court page holds two forms; at most one comes back refused, the other starts afresh. */
interface CourtPageRefusal {
  court?: Refused<CourtFormValues>;
  division?: Refused<DivisionFormValues>;
}

type CourtWithDivisions = Awaited<ReturnType<CourtService['get']>>;

const divisionNotFound = () => new NotFoundError('DIVISION_NOT_FOUND', '部门不存在');

@Injectable()
export class CourtPageService {
  constructor(
    private readonly users: UsersService,
    private readonly court: CourtService,
  ) {}

  /** `saved` is `court` after the court's details were saved, or the id of the division just added or changed. */
  async page(actor: Actor, saved?: string) {
    return this.pageView(actor, {}, saved);
  }

  async saveCourt(actor: Actor, fields: FormFields): Promise<Redirect | View> {
    const form = Object.fromEntries(
      COURT_TEXT_FIELDS.map((f) => [f, textField(fields, f)]),
    ) as unknown as CourtFormValues;
    try {
      const dto = await checkedDto(UpdateCourtDto, courtBody(form));
      await this.court.update(actor, dto);
      return new Redirect('/admin/court?saved=court');
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      if (errors.population) errors.population = populationProblem(form.population) ?? errors.population;
      const view = await this.pageView(actor, { court: { values: form, errors } });
      return new View('admin-court/court', view, formErrorStatus(error));
    }
  }

  async addDivision(actor: Actor, fields: FormFields): Promise<Redirect | View> {
    const form = readDivisionForm(fields);
    try {
      const division = await this.court.createDivision(actor, await checkedDto(CreateDivisionDto, form));
      return new Redirect(`/admin/court?saved=${division.id}`);
    } catch (error) {
      const errors = divisionErrorsOf(error);
      if (!errors) throw error;
      const view = await this.pageView(actor, { division: { values: form, errors } });
      return new View('admin-court/court', view, formErrorStatus(error));
    }
  }

  async editDivisionPage(actor: Actor, id: string) {
    const { court, division } = await this.divisionOf(actor, id);
    const form = { name: division.name, kind: division.kind, headUserId: division.headUserId ?? '' };
    return this.divisionFormView(actor, court, division, form, {});
  }

  async saveDivision(actor: Actor, id: string, fields: FormFields): Promise<Redirect | View> {
    const { court, division } = await this.divisionOf(actor, id);
    const form = { ...readDivisionForm(fields), headUserId: textField(fields, 'headUserId') };
    try {
      const dto = await checkedDto(UpdateDivisionDto, { ...form, headUserId: form.headUserId || null });
      await this.court.updateDivision(actor, id, dto);
      return new Redirect(`/admin/court?saved=${id}`);
    } catch (error) {
      const errors = divisionErrorsOf(error);
      if (!errors) throw error;
      const view = await this.divisionFormView(actor, court, division, form, errors);
      return new View('admin-court/division-form', view, formErrorStatus(error));
    }
  }

  private async pageView(actor: Actor, refused: CourtPageRefusal, saved?: string) {
    const [court, staff] = await Promise.all([this.court.get(actor), this.users.activeCountByDivision(actor)]);
    return {
      court: {
        code: court.code,
        name: court.name,
        population: populationText(court.population),
        phone: court.phone,
        address: court.address,
        publicUrl: court.publicUrl,
        noticeReplyDays: court.noticeReplyDays,
        mediatorChoiceWorkingDays: court.mediatorChoiceWorkingDays,
        filingNumbersLabel: FILING_NUMBER_SOURCE_LABELS[court.filingNumbers],
        legacyUntil: court.legacyUntil,
      },
      parentCourt: court.parentCourt,
      childCourts: court.childCourts,
      divisions: court.divisions.map((d) => ({
        ...d,
        kindLabel: kindLabel(d.kind),
        staff: staff.get(d.id) ?? 0,
        justSaved: d.id === saved,
      })),
      savedCourt: saved === 'court',
      savedDivision: court.divisions.find((d) => d.id === saved)?.name,
      courtForm: refused.court?.values ?? {
        name: court.name,
        population: String(court.population),
        phone: court.phone ?? '',
        address: court.address ?? '',
        publicUrl: court.publicUrl ?? '',
        noticeReplyDays: String(court.noticeReplyDays),
        mediatorChoiceWorkingDays: String(court.mediatorChoiceWorkingDays),
        filingNumbers: court.filingNumbers,
        legacyUntil: court.legacyUntil,
      },
      courtErrors: refused.court?.errors ?? {},
      divisionForm: refused.division?.values ?? { name: '', kind: '' },
      divisionErrors: refused.division?.errors ?? {},
      courtLabels: COURT_FIELD_LABELS,
      divisionLabels: DIVISION_FIELD_LABELS,
      kinds: kindOptions(),
      filingNumberOptions: FILING_NUMBER_SOURCES.map((value) => ({ value, label: FILING_NUMBER_SOURCE_LABELS[value] })),
    };
  }

  private async divisionFormView(
    actor: Actor,
    court: CourtWithDivisions,
    division: CourtWithDivisions['divisions'][number],
    form: DivisionFormValues,
    errors: FieldMessages,
  ) {
    const [staff, members] = await Promise.all([
      this.users.activeCountByDivision(actor),
      this.users.activeInDivision(actor, division.id),
    ]);
    return {
      court: { name: court.name },
      division: { ...division, kindLabel: kindLabel(division.kind), staff: staff.get(division.id) ?? 0 },
      form,
      errors,
      labels: DIVISION_FIELD_LABELS,
      kinds: kindOptions(),
      // 庭长: one of the division's active users; the escalation of its overdue letters reaches them.
      heads: members.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` })),
    };
  }

  private async divisionOf(actor: Actor, id: string) {
    const court = await this.court.get(actor);
    const division = court.divisions.find((d) => d.id === id);
    if (!division) throw divisionNotFound();
    return { court, division };
  }
}

function readDivisionForm(fields: FormFields): DivisionFormValues {
  return { name: textField(fields, 'name'), kind: textField(fields, 'kind') };
}

/** Errors of a division form; the DTO's message for a bad kind lists the English codes, so it is replaced. */
function divisionErrorsOf(error: unknown): FieldMessages | undefined {
  const errors = formErrorsOf(error);
  if (errors?.kind) errors.kind = '请选择部门类别';
  return errors;
}

const kindLabel = (kind: string): string => DIVISION_KIND_LABELS[kind as DivisionKind]?.label ?? kind;

const kindOptions = () =>
  DIVISION_KINDS.map((value) => ({
    value,
    label: `${DIVISION_KIND_LABELS[value].label}（${DIVISION_KIND_LABELS[value].example}）`,
  }));
