// Small data builders for tests: valid identity numbers and request bodies.
import { creditCodeCheckChar, residentIdCheckDigit } from '../../src/common/validators/identity.js';

/** A valid resident ID: area 110105, a real birth date, sequence from `n`. */
export function residentId(n = 1, birth = '19900101'): string {
  const first17 = `110105${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

/** A valid unified social credit code whose organization part comes from `n`. */
export function creditCode(n = 1): string {
  const first17 = `91110105${String(n).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

export function mobile(n = 0): string {
  return `138${String(n).padStart(8, '0')}`;
}

export interface CaseBodyOptions {
  caseType?: string;
  claimAmount?: string | number;
  plaintiffId?: string;
  defendantCode?: string;
  n?: number;
}

/** A registration body: a natural-person plaintiff against a company. */
export function aCaseBody(options: CaseBodyOptions = {}) {
  const n = options.n ?? 1;
  return {
    caseType: options.caseType ?? '民间借贷纠纷',
    claimAmount: options.claimAmount ?? '12000.50',
    claims: '请求判令被告归还借款12000.50元',
    parties: [
      {
        role: 'PLAINTIFF',
        kind: 'PERSON',
        name: '张三',
        idNumber: options.plaintiffId ?? residentId(n),
        phone: mobile(n),
        address: '北京市朝阳区建国路1号',
      },
      {
        role: 'DEFENDANT',
        kind: 'ORGANIZATION',
        name: '北京某某科技有限公司',
        creditCode: options.defendantCode ?? creditCode(n),
        legalRepresentative: '李四',
        phone: mobile(n + 5000),
        address: '北京市朝阳区望京街10号',
        serviceAddress: '北京市朝阳区望京街10号',
      },
    ],
  };
}

/** A registration body on a court of the 2025 procedure (the demo court): 先行调解 under 简易程序. */
export function aPostFilingCaseBody(options: CaseBodyOptions = {}) {
  return { ...aCaseBody(options), trialProcedure: 'SIMPLE' };
}
