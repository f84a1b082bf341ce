// The registration form (立案登记) as the clerk typed it, and its conversion into the API's request body.
// Parties are posted as `parties[<key>].<field>`; keys only keep a party's fields together (a party added in
// the browser gets a random key) and the order on the page is the order of the parties.
import { randomBytes } from 'node:crypto';
import { PARTY_DETAIL_KEYS, type PartyDetailKey } from '../../cases/party-columns.js';
import type { PartyKind, PartyRole } from '../../cases/party.entity.js';
import type { Procedure } from '../../cases/procedure.js';
import type { FormFields } from '../kit/form-body.js';
import { textField } from '../kit/form-body.js';

const PARTY_FIELDS = PARTY_DETAIL_KEYS;
type PartyField = PartyDetailKey;

type PartyFormValues = { key: string } & Record<PartyField, string>;

export interface CaseFormValues {
  /** 适用程序: the court's default on a blank form. */
  procedure: string;
  /** 简易/普通程序 (先行调解 only). */
  trialProcedure: string;
  /** The 民初 number typed from the court's case system (先行调解 at a court with EXTERNAL numbers). */
  filingNumber: string;
  caseType: string;
  claimAmount: string;
  claims: string;
  parties: PartyFormValues[];
}

/** More than the API accepts (50) is cut here, so a hostile form cannot make the page render thousands. */
const MAX_PARTIES = 60;
const PARTY_FIELD = /^parties\[([A-Za-z0-9_-]{1,24})\]\.([A-Za-z]+)$/;

export function blankParty(role: PartyRole, kind: PartyKind, key = newPartyKey()): PartyFormValues {
  const party = { key } as PartyFormValues;
  for (const field of PARTY_FIELDS) party[field] = '';
  return { ...party, role, kind };
}

/** A walk-in dispute usually starts as a person against a company, under the court's default procedure. */
export function blankCaseForm(procedure: Procedure): CaseFormValues {
  return {
    procedure,
    trialProcedure: '',
    filingNumber: '',
    caseType: '',
    claimAmount: '',
    claims: '',
    parties: [blankParty('PLAINTIFF', 'PERSON', '0'), blankParty('DEFENDANT', 'ORGANIZATION', '1')],
  };
}

function newPartyKey(): string {
  return `n${randomBytes(5).toString('hex')}`;
}

export function readCaseForm(fields: FormFields): CaseFormValues {
  const parties = new Map<string, PartyFormValues>();
  for (const name of Object.keys(fields)) {
    const match = PARTY_FIELD.exec(name);
    if (!match || !(PARTY_FIELDS as readonly string[]).includes(match[2])) continue;
    let party = parties.get(match[1]);
    if (!party) {
      if (parties.size >= MAX_PARTIES) continue;
      party = blankParty('' as PartyRole, '' as PartyKind, match[1]);
      parties.set(match[1], party);
    }
    party[match[2] as PartyField] = textField(fields, name);
  }
  return {
    procedure: textField(fields, 'procedure'),
    trialProcedure: textField(fields, 'trialProcedure'),
    filingNumber: textField(fields, 'filingNumber'),
    caseType: textField(fields, 'caseType'),
    claimAmount: textField(fields, 'claimAmount'),
    claims: textField(fields, 'claims'),
    // Keys become positions, so the API's `parties[1]...` errors find their fields when the form is shown again.
    parties: [...parties.values()].map((party, position) => ({ ...party, key: String(position) })),
  };
}

/**
 * The body POST /api/v1/cases takes. Empty fields are left out (the API treats absent and empty differently),
 * and only the fields of the party's kind are sent: a person has no credit code, an organization no ID number;
 * the trial procedure and the 民初 number go only with 先行调解 (the form keeps them while another is chosen).
 */
export function toRegisterBody(form: CaseFormValues) {
  const filed = form.procedure === 'POST_FILING';
  const filled = (value: string) => (filed && value !== '' ? value : undefined);
  return {
    ...(form.procedure !== '' ? { procedure: form.procedure } : {}),
    ...(filled(form.trialProcedure) ? { trialProcedure: form.trialProcedure } : {}),
    ...(filled(form.filingNumber) ? { filingNumber: form.filingNumber } : {}),
    caseType: form.caseType,
    claimAmount: form.claimAmount,
    claims: form.claims,
    parties: form.parties.map((party) => {
      const own: PartyField[] =
        party.kind === 'ORGANIZATION'
          ? ['name', 'creditCode', 'legalRepresentative', 'phone', 'address', 'serviceAddress']
          : ['name', 'idNumber', 'phone', 'address', 'serviceAddress'];
      const body: Record<string, string> = { role: party.role, kind: party.kind };
      for (const field of own) {
        const value = field === 'idNumber' || field === 'creditCode' ? party[field].toUpperCase() : party[field];
        if (value !== '') body[field] = value;
      }
      return body;
    }),
  };
}
