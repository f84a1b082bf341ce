// 以案定补 as a workbook for the finance office: notes, the total per mediator,
// the amount per outcome and case type, and the list of the cases paid for.
import type { Readable } from 'node:stream';
import { chinaDateTime } from '../common/china-time.js';
import { addRow, addSheet, streamWorkbook, type Cell } from '../common/spreadsheet.js';
import { CASE_DIFFICULTY_LABELS } from '../mediation/case-difficulty.js';
import type { SubsidyCase, SubsidyList } from './subsidy-list.js';
import { SUBSIDY_OUTCOME_LABELS, SUBSIDY_OUTCOMES } from './subsidy-rules.js';

const YUAN = '#,##0.00';
const COUNT = '0';

const yuan = (fen: bigint): Cell => ({ value: Number(fen) / 100, numFmt: YUAN });
const count = (n: number): Cell => ({ value: n, numFmt: COUNT });

export function subsidiesFileName(list: SubsidyList): string {
  return `${list.court.name}_${list.period.label}_调解员补贴（以案定补）.xlsx`;
}

export function subsidiesWorkbook(list: SubsidyList, cases: SubsidyCase[]): Readable {
  // The finance office prints these: each sheet titled with the court and the month, the short ones on one page.
  const print = (sheet: string, onePage = false) => ({
    print: { title: `${list.court.name} ${list.period.label} 调解员补贴 ${sheet}`, onePage },
  });
  return streamWorkbook(async (workbook) => {
    const notes = addSheet(
      workbook,
      '说明',
      [
        { header: '项目', width: 20 },
        { header: '内容', width: 60 },
      ],
      print('说明', true),
    );
    addRow(notes, ['法院', list.court.name]);
    addRow(notes, ['月份', `${list.period.label}（${list.period.from} 至 ${list.period.to}，北京时间）`]);
    addRow(notes, ['补贴标准来源', rateSourceLabel(list)]);
    addRow(notes, [
      '计算口径',
      '按本月结案（调解成功、调解不成、撤回、期满）的案件，每件按结果、难易程度（简单、一般、复杂）及案由对应的补贴标准计发',
    ]);
    addRow(notes, ['未分派调解员的结案数', count(list.unassignedCases)]);
    addRow(notes, ['生成时间', chinaDateTime(list.generatedAt)]);
    notes.commit();

    const totals = addSheet(
      workbook,
      '补贴汇总',
      [
        { header: '调解员', width: 16 },
        { header: '所属调解组织', width: 32 },
        ...SUBSIDY_OUTCOMES.map((o) => ({ header: `${SUBSIDY_OUTCOME_LABELS[o]}（件）`, width: 16 })),
        { header: '补贴金额（元）', width: 18 },
      ],
      { frozenColumns: 1, ...print('补贴汇总', true) },
    );
    for (const m of list.mediators) {
      addRow(totals, [m.name, m.organization, ...SUBSIDY_OUTCOMES.map((o) => count(m.cases[o])), yuan(m.amountFen)]);
    }
    addRow(
      totals,
      ['合计', null, ...SUBSIDY_OUTCOMES.map((o) => count(list.total.cases[o])), yuan(list.total.amountFen)],
      { bold: true },
    );
    totals.commit();

    const lines = addSheet(
      workbook,
      '补贴明细',
      [
        { header: '调解员', width: 16 },
        { header: '结案结果', width: 12 },
        { header: '案由', width: 26 },
        { header: '难易程度', width: 10 },
        { header: '件数', width: 8 },
        { header: '补贴标准（元/件）', width: 20 },
        { header: '金额（元）', width: 16 },
      ],
      print('补贴明细'),
    );
    for (const m of list.mediators) {
      for (const l of m.lines) {
        addRow(lines, [
          m.name,
          SUBSIDY_OUTCOME_LABELS[l.outcome],
          l.caseType,
          CASE_DIFFICULTY_LABELS[l.difficulty],
          count(l.cases),
          yuan(l.rateFen),
          yuan(l.amountFen),
        ]);
      }
    }
    lines.commit();

    const names = new Map(list.mediators.map((m) => [m.mediatorId, m.name]));
    const caseSheet = addSheet(
      workbook,
      '案件清单',
      [
        { header: '调解员', width: 16 },
        { header: '案号', width: 32 },
        { header: '案由', width: 26 },
        { header: '难易程度', width: 10 },
        { header: '申请人', width: 28 },
        { header: '被申请人', width: 28 },
        { header: '结案结果', width: 12 },
        { header: '结案日期', width: 12 },
        { header: '补贴标准（元）', width: 16 },
      ],
      print('案件清单'),
    );
    for (const c of cases) {
      addRow(caseSheet, [
        names.get(c.mediatorId) ?? c.mediatorId,
        c.caseNumber,
        c.caseType,
        CASE_DIFFICULTY_LABELS[c.difficulty],
        c.plaintiffs,
        c.defendants,
        SUBSIDY_OUTCOME_LABELS[c.outcome],
        c.concludedOn,
        yuan(c.rateFen),
      ]);
    }
    caseSheet.commit();
  });
}

function rateSourceLabel(list: SubsidyList): string {
  if (list.frozen) return `关账时冻结的补贴表及标准（第 ${list.closedVersion} 版关账）`;
  if (list.rateSource === 'MONTH_CLOSE') return `关账时的标准（第 ${list.closedVersion} 版关账）`;
  return list.rateSource === 'COURT' ? '本院设定' : '系统默认标准';
}
