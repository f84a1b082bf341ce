import { maskPhone } from '../common/personal-data.js';
import { ORGANIZATION_KIND_LABELS, type MediationOrganization } from './mediation-organization.entity.js';
import { MEDIATOR_TYPE_LABELS, type Mediator } from './mediator.entity.js';

/** Lists show phone numbers masked; a single read shows them in full (and is recorded). */
type PhoneDisplay = 'masked' | 'full';

const phone = (value: string | null, display: PhoneDisplay) => (display === 'masked' ? maskPhone(value) : value);

export function organizationView(o: MediationOrganization, display: PhoneDisplay) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    kindLabel: ORGANIZATION_KIND_LABELS[o.kind],
    registrationNumber: o.registrationNumber,
    region: o.region,
    contactPerson: o.contactPerson,
    contactPhone: phone(o.contactPhone, display),
    active: o.active,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
  };
}

export function mediatorView(
  m: Mediator,
  display: PhoneDisplay,
  extra: { organizationName?: string; openCases?: number } = {},
) {
  return {
    id: m.id,
    name: m.name,
    type: m.type,
    typeLabel: MEDIATOR_TYPE_LABELS[m.type],
    organizationId: m.organizationId,
    ...(extra.organizationName !== undefined ? { organizationName: extra.organizationName } : {}),
    userId: m.userId,
    specialties: m.specialties,
    regions: m.regions,
    capacity: m.capacity,
    ...(extra.openCases !== undefined ? { openCases: extra.openCases } : {}),
    activeFrom: m.activeFrom,
    activeUntil: m.activeUntil,
    phone: phone(m.phone, display),
    active: m.active,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    version: m.version,
  };
}

/** What the history keeps of a roster entry (phone masked: the history is read widely). */
export function mediatorSnapshot(m: Mediator): Record<string, unknown> {
  return {
    name: m.name,
    type: m.type,
    organizationId: m.organizationId,
    userId: m.userId,
    specialties: m.specialties,
    regions: m.regions,
    capacity: m.capacity,
    activeFrom: m.activeFrom,
    activeUntil: m.activeUntil,
    phone: maskPhone(m.phone),
    active: m.active,
  };
}

export function organizationSnapshot(o: MediationOrganization): Record<string, unknown> {
  return {
    name: o.name,
    kind: o.kind,
    registrationNumber: o.registrationNumber,
    region: o.region,
    contactPerson: o.contactPerson,
    contactPhone: maskPhone(o.contactPhone),
    active: o.active,
  };
}

/** The fields that differ between two snapshots, as { before, after }. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key]])),
  };
}

/** DEACTIVATED / REACTIVATED when `active` flipped, else UPDATED. */
export function activeChangeAction(changes: { after: Record<string, unknown> }, prefix: string): string {
  if (changes.after.active === false) return `${prefix}_DEACTIVATED`;
  if (changes.after.active === true) return `${prefix}_REACTIVATED`;
  return `${prefix}_UPDATED`;
}
