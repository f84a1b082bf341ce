// A batch's cases as the bulk steps find a sheet's rows among them: by the references a sheet may name them by,
// and a reference the batch does not have told apart as another batch's or none (the reads are bulk-queries.ts).
import type { BatchCase, RowRefusal } from './bulk-runner.js';

export interface BatchCaseRefs extends BatchCase {
  /** 民初, 民诉前调 and the latest notice's 告字 number, where present. */
  numbers: string[];
}

/** Finds a sheet's reference among the batch's cases: the bank's own first, then the case numbers. */
export function caseIndex(cases: readonly BatchCaseRefs[]): (ref: string) => BatchCaseRefs | undefined {
  const byRef = new Map<string, BatchCaseRefs>();
  for (const c of cases) for (const n of c.numbers) byRef.set(n, c);
  for (const c of cases) if (c.externalRef) byRef.set(c.externalRef, c);
  return (ref) => byRef.get(ref);
}

/** A reference the batch does not have: another batch's (or a single) case of the court, or none. */
export function unknownCase(ref: string, elsewhere: ReadonlySet<string>): RowRefusal {
  return elsewhere.has(ref)
    ? { code: 'CASE_NOT_IN_BATCH', reason: `“${ref}”是本院另一批次或单独登记的案件，不属于本批次` }
    : { code: 'CASE_NOT_FOUND', reason: `本批次没有银行业务编号或案号为“${ref}”的案件` };
}
