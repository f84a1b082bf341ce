// The rules of a correction (更正登记), as pure functions: a case and its parties after the change must still meet
// every rule of a registration (case-input-rules.ts, the one place of those rules); only the problems the change
// brings are reported (a batch's old row missing an address does not stop correcting a name), all at once.
import type { CaseStatus } from '../cases/case-status.js';
import type { Case } from '../cases/case.entity.js';
import type { Party } from '../cases/party.entity.js';
import type { FieldError } from '../common/errors.js';
import { maskIdNumber, maskPhone } from '../common/personal-data.js';
import { checkCaseInput, type CaseInput, type PartyInput } from '../intake/case-input-rules.js';
import { PARTY_DETAIL_KEYS, type PartyDetailKey } from '../cases/party-columns.js';

/** The case type and the amount decide who mediates and the fee: correctable until a mediator is assigned. */
export const CASE_FIELDS_CORRECTABLE: readonly CaseStatus[] = ['REGISTERED', 'NOTICE_ISSUED', 'REFUSED', 'REFERRED'];

/** The party fields a correction may change: every entered detail but the kind (person or organization). */
export type PartyField = Exclude<PartyDetailKey, 'kind'>;
export const PARTY_FIELDS: readonly PartyField[] = PARTY_DETAIL_KEYS.filter((k): k is PartyField => k !== 'kind');

/** The registration's input as it is now (null columns as absent fields, as a registration sends them). */
export function currentInput(c: Pick<Case, 'caseType' | 'claimAmountFen' | 'claims'>, parties: Party[]): CaseInput {
  return {
    caseType: c.caseType,
    claimAmount: fenToYuanText(c.claimAmountFen),
    claims: c.claims,
    parties: parties.map(partyInput),
  };
}

export function partyInput(p: Pick<Party, 'role' | 'kind' | PartyField>): PartyInput {
  const opt = (v: string | null) => (v === null ? undefined : v);
  return {
    role: p.role,
    kind: p.kind,
    name: p.name,
    idNumber: opt(p.idNumber),
    creditCode: opt(p.creditCode),
    legalRepresentative: opt(p.legalRepresentative),
    phone: opt(p.phone),
    address: opt(p.address),
    serviceAddress: opt(p.serviceAddress),
  };
}

function fenToYuanText(fen: string | bigint): string {
  const n = BigInt(fen);
  return `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;
}

const key = (e: FieldError) => `${e.field} ${e.code}`;

/** The problems of `after` that `before` did not have: every one of them, with the rule's own fields and messages. */
export function newProblems(before: CaseInput, after: CaseInput, caseTypes: readonly string[]): FieldError[] {
  const had = checkCaseInput(before, caseTypes);
  const existing = new Set('errors' in had ? had.errors.map(key) : []);
  const now = checkCaseInput(after, caseTypes);
  return 'errors' in now ? now.errors.filter((e) => !existing.has(key(e))) : [];
}

/**
 * A party's problems named as the party form names them: `parties[2].idNumber：…` becomes `idNumber：…` for the
 * party at `index` (the others, and the case's own, as they are).
 */
export function asPartyFields(errors: FieldError[], index: number): FieldError[] {
  const prefix = `parties[${index}]`;
  return errors.map((e) => {
    if (e.field === prefix) return { ...e, field: 'party', message: e.message.replace(`${prefix}：`, '') };
    if (!e.field.startsWith(`${prefix}.`)) return e;
    const field = e.field.slice(prefix.length + 1);
    return { ...e, field, message: e.message.replace(`${prefix}.${field}`, field) };
  });
}

/** How a party's field reads in the history: personal numbers masked, as the case page shows them. */
export function historyValue(field: PartyField, value: string | null): string | null {
  if (field === 'idNumber') return maskIdNumber(value);
  if (field === 'phone') return maskPhone(value);
  return value;
}
