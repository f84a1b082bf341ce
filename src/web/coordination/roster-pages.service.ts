// The roster pages (调解员名册): mediation organizations and mediators, searched, created and edited
// (deactivating included: 停用 keeps the entry and its history). Lists show phone numbers masked, as the
// API's lists do; the edit form shows the full number, and reading it is recorded like an API read.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { ORGANIZATION_KINDS, ORGANIZATION_KIND_LABELS } from '../../assignment/mediation-organization.entity.js';
import { MediationOrganizationsService } from '../../assignment/mediation-organizations.service.js';
import { MEDIATOR_TYPES, MEDIATOR_TYPE_LABELS } from '../../assignment/mediator.entity.js';
import { MediatorsService } from '../../assignment/mediators.service.js';
import {
  CreateMediatorDto,
  CreateOrganizationDto,
  ListMediatorsQuery,
  ListOrganizationsQuery,
  UpdateMediatorDto,
  UpdateOrganizationDto,
} from '../../assignment/roster.dto.js';
import { ValidationFailedError } from '../../common/errors.js';
import { caseTypeNames } from '../../cases/case-types.js';
import { UsersService } from '../../users/users.service.js';
import { checkedDto } from '../kit/dto-check.js';
import { fieldMessages, type FieldMessages } from '../kit/field-errors.js';
import { formErrorStatus, formErrorsOf } from '../kit/form-refusal.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { Redirect, View } from '../kit/page-result.js';
import {
  mediatorCreateBody,
  mediatorUpdateBody,
  organizationCreateBody,
  organizationUpdateBody,
  readMediatorForm,
  readOrganizationForm,
  withoutUndefined,
  type MediatorFormValues,
  type OrganizationFormValues,
} from './roster-form.js';

const ROSTER_FIELD_LABELS: Record<string, string> = {
  name: '名称或姓名',
  type: '调解员类别',
  organizationId: '所属调解组织',
  userId: '调解员账号',
  specialties: '擅长案由',
  regions: '服务区域',
  capacity: '可同时承办案件数',
  activeFrom: '聘任起始日',
  activeUntil: '聘任届满日',
  phone: '联系电话',
  kind: '组织类别',
  registrationNumber: '备案号',
  region: '服务区域',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  active: '在册状态',
  q: '查询内容',
};

const SEARCH_FIELDS = ['q', 'specialty', 'region', 'active', 'kind'] as const;
const MEDIATOR_LIST_LIMIT = 200;

const blankMediator = (): MediatorFormValues => ({
  name: '',
  type: 'FULL_TIME',
  organizationId: '',
  userId: '',
  specialties: [],
  regions: '',
  capacity: '30',
  activeFrom: '',
  activeUntil: '',
  phone: '',
  active: true,
  version: '',
});

const blankOrganization = (): OrganizationFormValues => ({
  name: '',
  kind: 'PEOPLES_MEDIATION_COMMITTEE',
  registrationNumber: '',
  region: '',
  contactPerson: '',
  contactPhone: '',
  active: true,
  version: '',
});

@Injectable()
export class RosterPagesService {
  constructor(
    private readonly mediators: MediatorsService,
    private readonly organizations: MediationOrganizationsService,
    private readonly users: UsersService,
  ) {}

  async mediatorList(actor: Actor, query: FormFields, saved?: string) {
    const search = searchOf(query);
    const { rows, errors } = await listOrErrors(async () => {
      const dto = await checkedDto(ListMediatorsQuery, pick(search, 'q', 'specialty', 'region', 'active'));
      return this.mediators.list(actor, { ...dto, limit: MEDIATOR_LIST_LIMIT });
    });
    return { search, errors, mediators: rows, limit: MEDIATOR_LIST_LIMIT, caseTypes: caseTypeNames(), saved };
  }

  async organizationList(actor: Actor, query: FormFields, saved?: string) {
    const search = searchOf(query);
    const { rows, errors } = await listOrErrors(async () =>
      this.organizations.list(actor, await checkedDto(ListOrganizationsQuery, pick(search, 'q', 'kind', 'active'))),
    );
    return { search, errors, organizations: rows, kinds: this.kindOptions(), saved };
  }

  newMediatorPage(actor: Actor) {
    return this.mediatorFormView(actor, null, blankMediator(), {});
  }

  async editMediatorPage(actor: Actor, id: string) {
    const m = await this.mediators.get(actor, id);
    const form: MediatorFormValues = {
      name: m.name,
      type: m.type,
      organizationId: m.organizationId,
      userId: m.userId ?? '',
      specialties: m.specialties,
      regions: m.regions.join('\n'),
      capacity: String(m.capacity),
      activeFrom: m.activeFrom,
      activeUntil: m.activeUntil ?? '',
      phone: m.phone ?? '',
      active: m.active,
      version: String(m.version),
    };
    return this.mediatorFormView(actor, { id: m.id, name: m.name, openCases: m.openCases ?? 0 }, form, {});
  }

  async saveMediator(actor: Actor, id: string | null, fields: FormFields): Promise<Redirect | View> {
    const form = readMediatorForm(fields);
    try {
      if (!form.capacity)
        throw ValidationFailedError.field('capacity', 'REQUIRED', '请填写可同时承办的案件数（1-200）');
      const saved = id
        ? await this.mediators.update(actor, id, await checkedDto(UpdateMediatorDto, mediatorUpdate(form)))
        : await this.mediators.create(actor, await checkedDto(CreateMediatorDto, mediatorCreate(form)));
      return new Redirect(`/roster?saved=${encodeURIComponent(saved.name)}`);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const entry = id ? { id, name: form.name, openCases: null } : null;
      const view = await this.mediatorFormView(actor, entry, form, collapseIndexes(errors));
      return new View('coordination/mediator-form', view, formErrorStatus(error));
    }
  }

  newOrganizationPage() {
    return this.organizationFormView(null, blankOrganization(), {});
  }

  async editOrganizationPage(actor: Actor, id: string) {
    const o = await this.organizations.get(actor, id);
    const form: OrganizationFormValues = {
      name: o.name,
      kind: o.kind,
      registrationNumber: o.registrationNumber,
      region: o.region,
      contactPerson: o.contactPerson ?? '',
      contactPhone: o.contactPhone ?? '',
      active: o.active,
      version: String(o.version),
    };
    return this.organizationFormView({ id: o.id, name: o.name }, form, {});
  }

  async saveOrganization(actor: Actor, id: string | null, fields: FormFields): Promise<Redirect | View> {
    const form = readOrganizationForm(fields);
    try {
      const saved = id
        ? await this.organizations.update(
            actor,
            id,
            await checkedDto(UpdateOrganizationDto, withoutUndefined(organizationUpdateBody(form))),
          )
        : await this.organizations.create(
            actor,
            await checkedDto(CreateOrganizationDto, withoutUndefined(organizationCreateBody(form))),
          );
      return new Redirect(`/roster/organizations?saved=${encodeURIComponent(saved.name)}`);
    } catch (error) {
      const errors = formErrorsOf(error);
      if (!errors) throw error;
      const view = this.organizationFormView(id ? { id, name: form.name } : null, form, errors);
      return new View('coordination/organization-form', view, formErrorStatus(error));
    }
  }

  private async mediatorFormView(
    actor: Actor,
    entry: { id: string; name: string; openCases: number | null } | null,
    form: MediatorFormValues,
    errors: FieldMessages,
  ) {
    const [organizations, users] = await Promise.all([this.organizations.list(actor, {}), this.users.list(actor)]);
    return {
      entry,
      form,
      errors,
      labels: ROSTER_FIELD_LABELS,
      // A deactivated organization takes no new mediators, but an entry that is in one still shows it.
      organizations: organizations.filter((o) => o.active || o.id === form.organizationId),
      mediatorUsers: users.filter((u) => u.roles.includes('MEDIATOR') && (u.active || u.id === form.userId)),
      types: MEDIATOR_TYPES.map((value) => ({ value, label: MEDIATOR_TYPE_LABELS[value] })),
      caseTypes: caseTypeNames(),
    };
  }

  private organizationFormView(
    entry: { id: string; name: string } | null,
    form: OrganizationFormValues,
    errors: FieldMessages,
  ) {
    return { entry, form, errors, labels: ROSTER_FIELD_LABELS, kinds: this.kindOptions() };
  }

  private kindOptions() {
    return ORGANIZATION_KINDS.map((value) => ({ value, label: ORGANIZATION_KIND_LABELS[value] }));
  }
}

const mediatorCreate = (form: MediatorFormValues) => withoutUndefined(mediatorCreateBody(form));
const mediatorUpdate = (form: MediatorFormValues) => withoutUndefined(mediatorUpdateBody(form));

function searchOf(query: FormFields): Record<(typeof SEARCH_FIELDS)[number], string> {
  return Object.fromEntries(SEARCH_FIELDS.map((name) => [name, textField(query, name)])) as Record<
    (typeof SEARCH_FIELDS)[number],
    string
  >;
}

function pick(search: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, search[name]]).filter(([, value]) => value !== ''));
}

/** A list, or its search form's errors (a bad filter shows at its field, with an empty list). */
async function listOrErrors<T>(load: () => Promise<T[]>): Promise<{ rows: T[]; errors: FieldMessages }> {
  try {
    return { rows: await load(), errors: {} };
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return { rows: [], errors: fieldMessages(error.details) };
  }
}

/** `regions[2]` and `specialties[0]` are shown at their list's field. */
function collapseIndexes(errors: FieldMessages): FieldMessages {
  const collapsed: FieldMessages = {};
  for (const [field, message] of Object.entries(errors)) collapsed[field.replace(/\[\d+\]$/, '')] ??= message;
  return collapsed;
}
