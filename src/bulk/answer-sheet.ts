// The parties' answers as a bank returns them (当事人意见回执): one row per party with the case (银行业务编号 or
// case number), the party's name, 同意 or 不同意, how and when it answered. Each row becomes the single request's
// input for its case; a row that names no case of the batch, a party not in the case or a word that is not one
// of the choices is refused by row, and the good rows go on.
import type { Readable } from 'node:stream';
import type { Party } from '../cases/party.entity.js';
import {
  addRow,
  addSheet,
  CSV_CONTENT_TYPE,
  streamCsv,
  streamWorkbook,
  XLSX_CONTENT_TYPE,
} from '../common/spreadsheet.js';
import {
  ANSWER_CHANNELS,
  CHANNEL_LABELS,
  type AnswerChannel,
  type AnswerDecision,
} from '../referral/party-answer.entity.js';
import type { RecordAnswerInput } from '../referral/party-answers.service.js';
import { unknownCase, type BatchCaseRefs } from './batch-cases.js';
import type { BulkTask, RowRefusal } from './bulk-runner.js';
import { sheetDate, type SheetColumn, type SheetLine } from './step-sheet.js';

type AnswerField = 'externalRef' | 'caseNumber' | 'partyName' | 'decision' | 'channel' | 'answeredOn' | 'note';

export const ANSWER_COLUMNS: readonly SheetColumn<AnswerField>[] = [
  { field: 'externalRef', header: '银行业务编号' },
  { field: 'caseNumber', header: '案号', aliases: ['告知书编号'] },
  { field: 'partyName', header: '当事人姓名', aliases: ['当事人', '当事人名称'], required: true },
  { field: 'decision', header: '答复', aliases: ['意见', '是否同意调解'], required: true },
  { field: 'channel', header: '答复方式' },
  { field: 'answeredOn', header: '答复日期' },
  { field: 'note', header: '备注' },
];

const DECISION_WORDS: Record<string, AnswerDecision> = {
  同意: 'CONSENT',
  同意调解: 'CONSENT',
  不同意: 'REFUSE',
  不同意调解: 'REFUSE',
};
const CHANNEL_OF = new Map(ANSWER_CHANNELS.map((c) => [CHANNEL_LABELS[c], c]));
/** A returned paper sheet came back by post unless it says otherwise. */
const DEFAULT_CHANNEL: AnswerChannel = 'POST';

interface AnswerSheetContext {
  find: (ref: string) => BatchCaseRefs | undefined;
  partiesOf: (caseId: string) => readonly Party[];
  /** The references the court has outside this batch. */
  elsewhere: ReadonlySet<string>;
}

/** Each row as a task of the bulk answer step, or as its refusal. */
export function answerTasks(
  lines: readonly SheetLine<AnswerField>[],
  context: AnswerSheetContext,
): BulkTask<RecordAnswerInput>[] {
  return lines.map((line) => answerTask(line, context));
}

function answerTask(line: SheetLine<AnswerField>, context: AnswerSheetContext): BulkTask<RecordAnswerInput> {
  const v = line.values;
  const ref = v.externalRef ?? v.caseNumber;
  const refused = (refusal: RowRefusal, caseId?: string) => ({ row: line.row, caseId, externalRef: ref, refusal });
  if (!ref) return refused({ code: 'CASE_REF_MISSING', reason: '请填写银行业务编号或案号' });
  const c = context.find(ref);
  if (!c) return refused(unknownCase(ref, context.elsewhere));
  const parties = context.partiesOf(c.id).filter((p) => p.name === v.partyName);
  if (parties.length !== 1) {
    const reason =
      parties.length === 0
        ? `“${v.partyName ?? ''}”不是本案的当事人，请核对姓名（与立案时一致）`
        : `本案有不止一名当事人叫“${v.partyName}”，请到案件页面逐一登记`;
    return refused({ code: parties.length === 0 ? 'PARTY_NOT_IN_CASE' : 'PARTY_AMBIGUOUS', reason }, c.id);
  }
  const decision = DECISION_WORDS[v.decision ?? ''];
  if (!decision) {
    return refused(
      { code: 'DECISION_INVALID', reason: `答复“${v.decision ?? ''}”无法识别，应为“同意”或“不同意”` },
      c.id,
    );
  }
  const channel = v.channel ? CHANNEL_OF.get(v.channel) : DEFAULT_CHANNEL;
  if (!channel) {
    const choices = ANSWER_CHANNELS.map((ch) => CHANNEL_LABELS[ch]).join('、');
    return refused({ code: 'CHANNEL_INVALID', reason: `答复方式“${v.channel}”无法识别，应为${choices}之一` }, c.id);
  }
  const answeredOn = v.answeredOn ? sheetDate(v.answeredOn) : undefined;
  if (answeredOn === null) {
    return refused({ code: 'DATE_INVALID', reason: `答复日期“${v.answeredOn}”无法识别，请写成 2026-09-01` }, c.id);
  }
  const input: RecordAnswerInput = { partyId: parties[0]!.id, decision, channel, answeredOn, note: v.note };
  return { row: line.row, caseId: c.id, input };
}

/** One line of the prefilled sheet: a party who has not answered yet. */
export interface AnswerSheetLine {
  externalRef: string | null;
  caseNumber: string | null;
  partyName: string;
  partyRole: string;
}

const ROLE_LABELS: Record<string, string> = { PLAINTIFF: '申请人', DEFENDANT: '被申请人' };
const PREFILLED = ['银行业务编号', '案号', '当事人姓名', '当事人身份', '答复', '答复方式', '答复日期', '备注'];
const WIDTHS = [22, 26, 24, 12, 10, 10, 14, 30];

/** The sheet to send out: every party still to answer, with 答复, 答复方式 and 答复日期 left to fill. */
export function answerSheetFile(lines: readonly AnswerSheetLine[], format: 'xlsx' | 'csv', name: string) {
  const cells = (l: AnswerSheetLine) => [
    l.externalRef,
    l.caseNumber,
    l.partyName,
    ROLE_LABELS[l.partyRole] ?? '',
    '',
    '',
    '',
    '',
  ];
  const stream: Readable =
    format === 'csv'
      ? streamCsv([PREFILLED, ...lines.map(cells)])
      : streamWorkbook(async (workbook) => {
          const sheet = addSheet(
            workbook,
            '当事人意见',
            PREFILLED.map((header, i) => ({ header, width: WIDTHS[i]! })),
            { frozenColumns: 3 },
          );
          for (const l of lines) addRow(sheet, cells(l));
          sheet.commit();
          const help = addSheet(workbook, '填写说明', [{ header: '说明', width: 100 }]);
          for (const text of ANSWER_SHEET_HELP) addRow(help, [text]);
          help.commit();
        });
  return {
    stream,
    contentType: format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE,
    fileName: `${name}-当事人意见.${format}`,
  };
}

const ANSWER_SHEET_HELP = [
  '每行一名当事人；银行业务编号与案号填一项即可，当事人姓名与立案时一致。',
  '答复：填“同意”或“不同意”。',
  `答复方式：${ANSWER_CHANNELS.map((c) => CHANNEL_LABELS[c]).join('、')}之一，不填为邮寄。`,
  '答复日期：如 2026-09-01，不填为登记当天。',
  '本页不导入。',
];
