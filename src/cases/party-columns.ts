// A party's details as registration takes them (the window, a bank's batch, an import from the court's case
// system), described once: their names in code and in the `parties` table, in one order. The registration
// statement, the batch INSERT, the parameters of both and the entered party's type are made from this list; a unit
// test holds it to the Party entity (party-columns.spec.ts).
import type { PartyKind, PartyRole } from './party.entity.js';

/** The entered details of a party, in column order; the first three are required, the others text or null. */
export const PARTY_DETAIL_COLUMNS = [
  { key: 'role', column: 'role' },
  { key: 'kind', column: 'kind' },
  { key: 'name', column: 'name' },
  /** 身份证号 (persons). */
  { key: 'idNumber', column: 'id_number' },
  /** 统一社会信用代码 (organizations). */
  { key: 'creditCode', column: 'credit_code' },
  { key: 'legalRepresentative', column: 'legal_representative' },
  { key: 'phone', column: 'phone' },
  { key: 'address', column: 'address' },
  /** 送达地址 */
  { key: 'serviceAddress', column: 'service_address' },
] as const;

export type PartyDetailKey = (typeof PARTY_DETAIL_COLUMNS)[number]['key'];

/** A party's detail as a column of a flat row with one column per side and detail: `defendantIdNumber`. */
export type SideDetailField<Side extends string, K extends PartyDetailKey = PartyDetailKey> = `${Side}${Capitalize<K>}`;

/** The details' names in code, in column order (a request body's party keys, a form's party fields). */
export const PARTY_DETAIL_KEYS: readonly PartyDetailKey[] = PARTY_DETAIL_COLUMNS.map((c) => c.key);
type OptionalDetailKey = Exclude<PartyDetailKey, 'role' | 'kind' | 'name'>;

/** A party as entered (the request body, a batch row): role, kind and name, the other details where given. */
export type PartyInput = { role: PartyRole; kind: PartyKind; name: string } & {
  [K in OptionalDetailKey]?: string;
};

/** A party's details as any of its sources holds them (absent, or null, where not given). */
export type PartyDetails = Pick<PartyInput, 'role' | 'kind' | 'name'> & { [K in OptionalDetailKey]?: string | null };

/** A party's details as its row has them: the name trimmed, every detail not given null. */
export type PartyDetailRow = Pick<PartyInput, 'role' | 'kind' | 'name'> & { [K in OptionalDetailKey]: string | null };

/** The details' column names, comma-separated, with an optional table alias (`p.role, p.kind, …`). */
export function partyDetailColumnList(alias?: string): string {
  return PARTY_DETAIL_COLUMNS.map((c) => (alias ? `${alias}.${c.column}` : c.column)).join(', ');
}

/** The details as a row holds them: the name trimmed, a detail not given null. */
export function partyDetailRow(p: PartyDetails): PartyDetailRow {
  const row = Object.fromEntries(PARTY_DETAIL_COLUMNS.map(({ key }) => [key, p[key] ?? null])) as PartyDetailRow;
  row.name = p.name.trim();
  return row;
}

/** The names of the details' parameters in a set-based statement (sqlParams): `parties.role`, … */
export type PartyDetailParam = `parties.${PartyDetailKey}`;
export const PARTY_DETAIL_PARAMS: readonly PartyDetailParam[] = PARTY_DETAIL_COLUMNS.map(
  (c) => `parties.${c.key}` as const,
);

/** The parties' details as the values of PARTY_DETAIL_PARAMS: one array per detail; names trimmed. */
export function partyDetailParams(parties: readonly PartyDetails[]): Record<PartyDetailParam, (string | null)[]> {
  const rows = parties.map(partyDetailRow);
  return Object.fromEntries(
    PARTY_DETAIL_COLUMNS.map(({ key }) => [`parties.${key}`, rows.map((row) => row[key])]),
  ) as Record<PartyDetailParam, (string | null)[]>;
}

/**
 * The source of a set-based INSERT of parties: `unnest(…)` of the given arrays (placeholder and element type)
 * with the details' arrays (PARTY_DETAIL_PARAMS, text) between `before` and `after`.
 */
export function unnestWithPartyDetails(
  at: Record<PartyDetailParam, string>,
  before: readonly [at: string, type: string][],
  after: readonly [at: string, type: string][] = [],
): string {
  const arrays = [...before, ...PARTY_DETAIL_PARAMS.map((name) => [at[name], 'text'] as const), ...after];
  return `unnest(${arrays.map(([placeholder, type]) => `${placeholder}::${type}[]`).join(', ')})`;
}
