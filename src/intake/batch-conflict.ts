// One bank reference (银行业务编号) names one loan. In one file, its rows are that loan's parties wherever they
// are (case-batch-import.ts). A loan under a reference the court already has from an earlier file is the same
// loan sent again (DUPLICATE, nothing changes) only when it is the same dispute: the same 案由, amount, applicant
// and borrower. Anything else under that reference is another loan, and dropping it as a duplicate would lose it:
// it is refused as a conflict for the bank to sort out.
import type { BatchRowError } from './batch-row.js';
import type { CaseInput } from './case-input-rules.js';

export interface LoanIdentity {
  caseType: string;
  claimAmountFen: string;
  plaintiffCreditCode: string;
  defendantName: string;
  defendantIdNumber: string;
}

const EXTERNAL_REF_CONFLICT = 'EXTERNAL_REF_CONFLICT';

/** What decides "the same loan" for a row of the template (a bank against one borrower). */
export function loanIdentity(input: CaseInput, claimAmountFen: bigint): LoanIdentity {
  const plaintiff = input.parties.find((p) => p.role === 'PLAINTIFF');
  const defendant = input.parties.find((p) => p.role === 'DEFENDANT');
  return {
    caseType: input.caseType,
    claimAmountFen: claimAmountFen.toString(),
    plaintiffCreditCode: (plaintiff?.creditCode ?? '').toUpperCase(),
    defendantName: (defendant?.name ?? '').trim(),
    defendantIdNumber: (defendant?.idNumber ?? '').toUpperCase(),
  };
}

export function sameLoan(a: LoanIdentity, b: LoanIdentity): boolean {
  return (
    a.caseType === b.caseType &&
    a.claimAmountFen === b.claimAmountFen &&
    a.plaintiffCreditCode === b.plaintiffCreditCode &&
    a.defendantName === b.defendantName &&
    a.defendantIdNumber === b.defendantIdNumber
  );
}

/**
 * The row's error: against a row of the same loan in the file that gave its loan columns another value (named in
 * `columns`), or against the case already on file.
 */
export function externalRefConflict(other: { row: number } | { caseId: string }, columns?: string): BatchRowError {
  const against = 'row' in other ? `与本文件第 ${other.row} 行的银行业务编号相同` : '本院已有此银行业务编号的案件';
  const differs = columns
    ? `，但${columns}与该行不同（同一笔借款的各行，这些列应相同或留空）`
    : '，但案由、金额、申请人或借款人不同';
  return {
    column: '银行业务编号',
    code: EXTERNAL_REF_CONFLICT,
    message: `银行业务编号：${against}${differs}，未导入；请核对编号后重新上传此行`,
  };
}
