// The bank's settlement list (和解/调解结果清单): one row per case with the result, the agreed amount, the due
// date and how it ends. Each row becomes the single outcome request's body (its rules decide, as for one case);
// the words are turned into the API's codes here, and a word that is not one of the choices refuses the row.
import type { FailureReason, SettlementMethod } from '../mediation/mediation-outcome.entity.js';
import type { RecordOutcomeDto } from '../mediation/outcome.dto.js';
import { unknownCase, type BatchCaseRefs } from './batch-cases.js';
import type { BulkTask, RowRefusal } from './bulk-runner.js';
import { sheetDate, type SheetColumn, type SheetLine } from './step-sheet.js';

type OutcomeField =
  | 'externalRef'
  | 'caseNumber'
  | 'result'
  | 'amount'
  | 'dueOn'
  | 'method'
  | 'agreement'
  | 'undisputedFacts'
  | 'failureReason'
  | 'concludedOn';

export const OUTCOME_COLUMNS: readonly SheetColumn<OutcomeField>[] = [
  { field: 'externalRef', header: '银行业务编号' },
  { field: 'caseNumber', header: '案号' },
  { field: 'result', header: '调解结果', aliases: ['结果'], required: true },
  { field: 'amount', header: '协议金额', aliases: ['协议金额（元）', '和解金额'] },
  { field: 'dueOn', header: '履行期限', aliases: ['还款期限'] },
  { field: 'method', header: '结案方式', aliases: ['履行方式'] },
  { field: 'agreement', header: '调解协议内容' },
  { field: 'undisputedFacts', header: '无争议事实' },
  { field: 'failureReason', header: '调解不成原因' },
  { field: 'concludedOn', header: '调解结束日期' },
];

const RESULT_WORDS: Record<string, RecordOutcomeDto['result']> = {
  调解成功: 'SETTLED',
  成功: 'SETTLED',
  和解: 'SETTLED',
  调解不成: 'FAILED',
  不成: 'FAILED',
  撤回: 'WITHDRAWN',
  撤回申请: 'WITHDRAWN',
};
const METHOD_WORDS: Record<string, SettlementMethod> = {
  司法确认: 'JUDICIAL_CONFIRMATION',
  申请司法确认: 'JUDICIAL_CONFIRMATION',
  调解书: 'MEDIATION_DOCUMENT',
  出具调解书: 'MEDIATION_DOCUMENT',
  自动履行: 'VOLUNTARY_PERFORMANCE',
  撤诉: 'WITHDRAWAL',
  撤回: 'WITHDRAWAL',
  即时履行: 'IMMEDIATE_PERFORMANCE',
};
const FAILURE_WORDS: Record<string, FailureReason> = {
  无法联系当事人: 'PARTY_UNREACHABLE',
  当事人不愿继续调解: 'PARTY_DECLINED',
  双方未能达成一致: 'NO_AGREEMENT',
  调解员无法继续调解: 'MEDIATOR_UNAVAILABLE',
};

/** Each row as a task of the bulk outcome step, or as its refusal. */
export function outcomeTasks(
  lines: readonly SheetLine<OutcomeField>[],
  find: (ref: string) => BatchCaseRefs | undefined,
  elsewhere: ReadonlySet<string>,
): BulkTask<RecordOutcomeDto>[] {
  return lines.map((line) => {
    const v = line.values;
    const ref = v.externalRef ?? v.caseNumber;
    const refused = (refusal: RowRefusal, caseId?: string) => ({ row: line.row, caseId, externalRef: ref, refusal });
    if (!ref) return refused({ code: 'CASE_REF_MISSING', reason: '请填写银行业务编号或案号' });
    const c = find(ref);
    if (!c) return refused(unknownCase(ref, elsewhere));
    const body = outcomeBody(v);
    return 'code' in body ? refused(body, c.id) : { row: line.row, caseId: c.id, input: body };
  });
}

function outcomeBody(v: Partial<Record<OutcomeField, string>>): RecordOutcomeDto | RowRefusal {
  const result = RESULT_WORDS[v.result ?? ''];
  if (!result) {
    return { code: 'RESULT_INVALID', reason: `调解结果“${v.result ?? ''}”无法识别，应为调解成功、调解不成或撤回` };
  }
  const concludedOn = v.concludedOn ? sheetDate(v.concludedOn) : undefined;
  if (concludedOn === null) return dateRefusal('调解结束日期', v.concludedOn);
  const common = { result, ...(concludedOn ? { concludedOn } : {}) };
  if (result === 'WITHDRAWN') return { ...common, withdrawalReason: v.agreement };
  if (result === 'FAILED') {
    const failureReason = v.failureReason ? (FAILURE_WORDS[v.failureReason] ?? 'OTHER') : 'NO_AGREEMENT';
    const failureReasonText = failureReason === 'OTHER' ? v.failureReason : undefined;
    return { ...common, undisputedFacts: v.undisputedFacts, failureReason, failureReasonText };
  }
  const method = METHOD_WORDS[v.method ?? ''];
  if (!method) {
    const choices = Object.keys(METHOD_WORDS).join('、');
    return { code: 'METHOD_INVALID', reason: `结案方式“${v.method ?? ''}”无法识别，应为${choices}之一` };
  }
  const performanceDueOn = v.dueOn ? sheetDate(v.dueOn) : undefined;
  if (performanceDueOn === null) return dateRefusal('履行期限', v.dueOn);
  const settlement = {
    method,
    amount: v.amount,
    agreement: v.agreement ?? agreementText(v.amount, performanceDueOn),
    ...(performanceDueOn ? { performanceDueOn } : {}),
  };
  return { ...common, settlement };
}

/** The agreement's text where the list gives only its terms (the amount and the due date). */
function agreementText(amount: string | undefined, dueOn: string | undefined): string {
  const when = dueOn ? `于${dueOn}前` : '';
  return `双方当事人自愿达成如下协议：被申请人${when}向申请人支付${amount ?? ''}元。`;
}

function dateRefusal(column: string, value: string | undefined): RowRefusal {
  return { code: 'DATE_INVALID', reason: `${column}“${value ?? ''}”无法识别，请写成 2026-09-01` };
}
