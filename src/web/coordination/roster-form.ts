// The roster's forms (调解员名册) as typed, and the API bodies they make. Pure: unit-tested without a database.
// A form sends every field; for an edit, a cleared optional field means "remove it" (null), as PATCH takes it.
import { listField, textField, type FormFields } from '../kit/form-body.js';

export interface MediatorFormValues {
  name: string;
  type: string;
  organizationId: string;
  userId: string;
  specialties: string[];
  regions: string;
  capacity: string;
  activeFrom: string;
  activeUntil: string;
  phone: string;
  active: boolean;
  version: string;
}

export interface OrganizationFormValues {
  name: string;
  kind: string;
  registrationNumber: string;
  region: string;
  contactPerson: string;
  contactPhone: string;
  active: boolean;
  version: string;
}

export function readMediatorForm(fields: FormFields): MediatorFormValues {
  return {
    name: textField(fields, 'name'),
    type: textField(fields, 'type'),
    organizationId: textField(fields, 'organizationId'),
    userId: textField(fields, 'userId'),
    specialties: listField(fields, 'specialties'),
    regions: textField(fields, 'regions'),
    capacity: textField(fields, 'capacity'),
    activeFrom: textField(fields, 'activeFrom'),
    activeUntil: textField(fields, 'activeUntil'),
    phone: textField(fields, 'phone'),
    active: textField(fields, 'active') !== 'false',
    version: textField(fields, 'version'),
  };
}

export function readOrganizationForm(fields: FormFields): OrganizationFormValues {
  return {
    name: textField(fields, 'name'),
    kind: textField(fields, 'kind'),
    registrationNumber: textField(fields, 'registrationNumber'),
    region: textField(fields, 'region'),
    contactPerson: textField(fields, 'contactPerson'),
    contactPhone: textField(fields, 'contactPhone'),
    active: textField(fields, 'active') !== 'false',
    version: textField(fields, 'version'),
  };
}

/** Regions typed one per line or separated by Chinese or Latin commas: `朝阳区、望京街道`. */
export function splitRegions(text: string): string[] {
  return text
    .split(/[\n\r,，、;；]+/)
    .map((region) => region.trim())
    .filter((region) => region !== '');
}

/** Digits become a number; anything else is passed on as typed, for the DTO to name the problem. */
function integerOrText(text: string): number | string | undefined {
  if (text === '') return undefined;
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

const orUndefined = (text: string) => (text === '' ? undefined : text);
const orNull = (text: string) => (text === '' ? null : text);

export function mediatorCreateBody(form: MediatorFormValues): Record<string, unknown> {
  return {
    name: form.name,
    type: form.type,
    organizationId: form.organizationId,
    userId: orUndefined(form.userId),
    specialties: form.specialties,
    regions: splitRegions(form.regions),
    capacity: integerOrText(form.capacity),
    activeFrom: orUndefined(form.activeFrom),
    activeUntil: orUndefined(form.activeUntil),
    phone: orUndefined(form.phone),
    active: form.active,
  };
}

export function mediatorUpdateBody(form: MediatorFormValues): Record<string, unknown> {
  return {
    ...mediatorCreateBody(form),
    userId: orNull(form.userId),
    activeUntil: orNull(form.activeUntil),
    phone: orNull(form.phone),
    version: integerOrText(form.version),
  };
}

export function organizationCreateBody(form: OrganizationFormValues): Record<string, unknown> {
  return {
    name: form.name,
    kind: form.kind,
    registrationNumber: form.registrationNumber,
    region: form.region,
    contactPerson: orUndefined(form.contactPerson),
    contactPhone: orUndefined(form.contactPhone),
    active: form.active,
  };
}

export function organizationUpdateBody(form: OrganizationFormValues): Record<string, unknown> {
  return {
    ...organizationCreateBody(form),
    contactPerson: orNull(form.contactPerson),
    contactPhone: orNull(form.contactPhone),
    version: integerOrText(form.version),
  };
}

/** Drops the keys left undefined, so that the DTO sees them as not sent. */
export function withoutUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}
