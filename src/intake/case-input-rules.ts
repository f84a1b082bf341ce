// The rules a new case must meet beyond its shape: checked identically for a
// case typed at the window and for each row of a bank's batch.
import type { FieldError } from '../common/errors.js';
import { parseYuan } from '../common/money.js';
import { creditCodeProblem, phoneProblem, residentIdProblem } from '../common/validators/identity.js';
import type { PartyInput } from '../cases/party-columns.js';

export type { PartyInput };

export interface CaseInput {
  caseType: string;
  claimAmount: unknown;
  claims: string;
  parties: PartyInput[];
}

interface CheckedCase {
  claimAmountFen: bigint;
}

/** Returns every problem (field named), or the normalised values when there is none. */
export function checkCaseInput(
  input: CaseInput,
  caseTypes: readonly string[],
): { errors: FieldError[] } | { ok: CheckedCase } {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string) => errors.push({ field, code, message });

  if (!caseTypes.includes(input.caseType)) {
    add('caseType', 'CASE_TYPE_UNKNOWN', `caseType：案由“${String(input.caseType).slice(0, 30)}”不在本院案由列表中`);
  }
  const amount = parseYuan(input.claimAmount);
  if ('problem' in amount) add('claimAmount', 'AMOUNT_INVALID', `claimAmount：${amount.problem}`);

  if (!input.parties.some((p) => p.role === 'PLAINTIFF')) {
    add('parties', 'PLAINTIFF_REQUIRED', 'parties：至少需要一名申请人（原告）');
  }
  if (!input.parties.some((p) => p.role === 'DEFENDANT')) {
    add('parties', 'DEFENDANT_REQUIRED', 'parties：至少需要一名被申请人（被告）');
  }
  input.parties.forEach((party, i) => checkParty(party, `parties[${i}]`, add));

  const seen = new Map<string, number>();
  input.parties.forEach((party, i) => {
    const key = party.idNumber ?? party.creditCode;
    if (!key) return;
    const first = seen.get(key);
    if (first !== undefined) {
      add(`parties[${i}]`, 'PARTY_DUPLICATED', `parties[${i}]：与第 ${first + 1} 名当事人的证件号码相同`);
    } else {
      seen.set(key, i);
    }
  });

  if (errors.length > 0 || 'problem' in amount) return { errors };
  return { ok: { claimAmountFen: amount.fen } };
}

function checkParty(party: PartyInput, at: string, add: (field: string, code: string, message: string) => void): void {
  if (!party.name?.trim()) add(`${at}.name`, 'REQUIRED', `${at}.name：姓名或名称不能为空`);
  if (party.kind === 'PERSON') {
    if (party.creditCode !== undefined)
      add(`${at}.creditCode`, 'NOT_FOR_PERSON', `${at}.creditCode：自然人不填统一社会信用代码`);
    if (party.legalRepresentative !== undefined) {
      add(`${at}.legalRepresentative`, 'NOT_FOR_PERSON', `${at}.legalRepresentative：自然人不填法定代表人`);
    }
    if (party.idNumber === undefined) {
      if (party.role === 'PLAINTIFF') add(`${at}.idNumber`, 'REQUIRED', `${at}.idNumber：申请人为自然人时须填身份证号`);
    } else {
      const problem = residentIdProblem(party.idNumber);
      if (problem) add(`${at}.idNumber`, 'ID_NUMBER_INVALID', `${at}.idNumber：${problem}`);
    }
  } else if (party.kind === 'ORGANIZATION') {
    if (party.idNumber !== undefined) add(`${at}.idNumber`, 'NOT_FOR_ORGANIZATION', `${at}.idNumber：组织不填身份证号`);
    if (party.creditCode === undefined) {
      add(`${at}.creditCode`, 'REQUIRED', `${at}.creditCode：组织须填统一社会信用代码`);
    } else {
      const problem = creditCodeProblem(party.creditCode);
      if (problem) add(`${at}.creditCode`, 'CREDIT_CODE_INVALID', `${at}.creditCode：${problem}`);
    }
  }
  if (party.phone !== undefined) {
    const problem = phoneProblem(party.phone);
    if (problem) add(`${at}.phone`, 'PHONE_INVALID', `${at}.phone：${problem}`);
  }
  if (party.role === 'DEFENDANT' && !party.serviceAddress?.trim()) {
    add(`${at}.serviceAddress`, 'REQUIRED', `${at}.serviceAddress：被申请人须填送达地址`);
  }
}
