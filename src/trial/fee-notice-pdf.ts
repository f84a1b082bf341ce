// The printed 《交纳诉讼费用通知书》 to the plaintiff of a 先行调解 case going to trial: the amount with how it was
// computed, the last day to pay, how to pay, relief, and the consequence (按撤诉处理). One A4 page in the house
// style of the referral notice (src/referral/notice-pdf.ts): the same fonts, sizes and closing.
import { createPdfDocument, pdfToBuffer } from '../common/pdf.js';
import { chineseDate } from '../referral/notice-text.js';
import type { StoredFeeLine } from './fee-notice.entity.js';

import { FEE_NOTICE_TITLE } from './fee-notice-title.js';

const BODY_SIZE = 10.5;
const LINE_GAP = 2;
/** The computation's table, a size smaller than the text (a claim over 20 million yuan has ten lines). */
const TABLE_SIZE = 9.5;
/** Two full-width characters of first-line indent, as Chinese documents do. */
const INDENT = BODY_SIZE * 2;
/** U+3000, the full-width space between two items on one line of a Chinese document. */
const IDEOGRAPHIC_SPACE = '\u3000';

type Doc = PDFKit.PDFDocument;

/** Everything the notice prints, as it stood on the day of issue (the court's contacts as they are now). */
export interface FeeNoticeContent {
  courtName: string;
  courtAddress: string | null;
  courtPhone: string | null;
  filingNumber: string;
  caseType: string;
  plaintiffs: string[];
  defendants: string[];
  claimAmount: string;
  trialProcedureLabel: string;
  feeKindLabel: string;
  lines: StoredFeeLine[];
  fullAmount: string;
  amount: string;
  halved: boolean;
  basis: string;
  issuedOn: string;
  dueOn: string;
  dueOnProvisional: boolean;
}

export function renderFeeNoticePdf(content: FeeNoticeContent): Promise<Buffer> {
  const doc = createPdfDocument({ title: `${content.courtName}${FEE_NOTICE_TITLE} ${content.filingNumber}` });
  header(doc, content);
  body(doc, content);
  feeTable(doc, content);
  closingParagraphs(doc, content);
  closing(doc, content);
  return pdfToBuffer(doc);
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function header(doc: Doc, content: FeeNoticeContent): void {
  doc.font('cjk-bold').fontSize(18).text(content.courtName, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.2);
  doc.fontSize(22).text(FEE_NOTICE_TITLE, { align: 'center', characterSpacing: 6 });
  doc.moveDown(0.3);
  const left = doc.page.margins.left;
  const y = doc.y;
  doc
    .font('cjk')
    .fontSize(BODY_SIZE)
    .text(content.filingNumber, left, y, { width: contentWidth(doc), align: 'right' });
  const ruleY = doc.y + 3;
  doc
    .moveTo(left, ruleY)
    .lineTo(doc.page.width - doc.page.margins.right, ruleY)
    .lineWidth(1)
    .stroke();
  doc.x = left;
  doc.y = ruleY + 8;
}

function paragraph(doc: Doc, text: string): void {
  doc.font('cjk').fontSize(BODY_SIZE).text(text, { indent: INDENT, lineGap: LINE_GAP, align: 'justify' });
}

const dueText = (c: FeeNoticeContent) =>
  `${chineseDate(c.dueOn)}${c.dueOnProvisional ? '（暂定：该年度法定节假日安排尚未公布，公布后以重新计算的日期为准）' : ''}`;

function body(doc: Doc, c: FeeNoticeContent): void {
  doc
    .font('cjk-bold')
    .fontSize(BODY_SIZE)
    .text(`${c.plaintiffs.join('、')}：`, { lineGap: LINE_GAP });
  doc.moveDown(0.2);
  const against = c.defendants.length > 0 ? `诉${c.defendants.join('、')}` : '';
  paragraph(
    doc,
    `你（单位）${against}${c.caseType}一案，本院已立案（案号${c.filingNumber}）。经先行调解，纠纷未能解决，本案转入审理，` +
      `适用${c.trialProcedureLabel}。本案诉讼请求金额${c.claimAmount}元，属${c.feeKindLabel}。依照${c.basis}的规定，` +
      `你（单位）应当预交案件受理费人民币${c.amount}元，计算如下：`,
  );
}

/** The computation, one line per band or piece, then the total and (简易程序) the half. */
function feeTable(doc: Doc, c: FeeNoticeContent): void {
  doc.moveDown(0.2);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const columns = [0.52, 0.2, 0.1, 0.18].map((share) => share * width);
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = left;
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(TABLE_SIZE);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: columns[i] - 8 }));
    cells.forEach((cell, i) => {
      doc.text(cell, x + 4, y + 1.5, { width: columns[i] - 8, align: i === 0 ? 'left' : 'right' });
      x += columns[i];
    });
    const bottom = y + Math.max(...heights) + 3;
    doc
      .moveTo(left, bottom)
      .lineTo(left + width, bottom)
      .lineWidth(0.5)
      .stroke();
    doc.x = left;
    doc.y = bottom;
  };
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.5)
    .stroke();
  row(['计算项目', '计费金额（元）', '费率', '金额（元）'], true);
  for (const line of c.lines) row([line.label, line.base ?? '—', line.rate ?? '按件', line.amount]);
  row(['案件受理费', '', '', c.fullAmount], true);
  if (c.halved) row(['适用简易程序减半交纳（第十六条）', '', '', c.amount], true);
  doc.moveDown(0.3);
}

/** A numbered item of the notice: its heading in bold, run into its text (keeps the notice on one page). */
function item(doc: Doc, heading: string, text: string): void {
  doc
    .font('cjk-bold')
    .fontSize(BODY_SIZE)
    .text(`${heading}${IDEOGRAPHIC_SPACE}`, { indent: INDENT, continued: true, lineGap: LINE_GAP, align: 'justify' });
  doc.font('cjk').text(text, { lineGap: LINE_GAP, align: 'justify' });
}

function closingParagraphs(doc: Doc, c: FeeNoticeContent): void {
  item(
    doc,
    '一、交费期限',
    `请自收到本通知书之次日起七日内交纳，即最迟于${dueText(c)}交纳（期间最后一日为法定休假日的，以休假日后的第一日为期间届满的日期）。`,
  );
  item(
    doc,
    '二、交费方式',
    '请持本通知书到本院诉讼服务中心交费窗口交纳，或者通过人民法院在线服务平台按本案案号网上交纳。交费后请妥善保存交费凭证，' +
      '通过银行转账交纳的，请将凭证交本院立案庭核对。',
  );
  item(
    doc,
    '三、缓交、减交、免交',
    '交纳诉讼费用确有困难的，可以在交费期限内向本院书面申请缓交、减交或者免交诉讼费用（司法救助），并提交相关证明材料。',
  );
  item(
    doc,
    '四、逾期不交的后果',
    '期限届满仍未交纳，又未申请缓交、减交、免交或者申请未获批准的，本院将依照《中华人民共和国民事诉讼法》和《诉讼费用交纳办法》第二十二条的规定，对本案按撤诉处理。',
  );
}

/** The contacts, the court, the date and the seal: kept together, never a seal alone on a page. */
function closingHeight(doc: Doc, c: FeeNoticeContent): number {
  const body = doc.font('cjk').fontSize(BODY_SIZE).currentLineHeight(true);
  const large = doc.font('cjk').fontSize(12).currentLineHeight(true);
  const contacts = c.courtAddress || c.courtPhone ? 2 * (body + LINE_GAP) : 0;
  return body * 0.3 + contacts + large * 0.3 + 3 * large;
}

function closing(doc: Doc, c: FeeNoticeContent): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  if (doc.y + closingHeight(doc, c) > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.3);
  if (c.courtAddress || c.courtPhone) {
    doc.x = left;
    const unknown = '请向本院诉讼服务中心询问';
    doc.font('cjk-bold').fontSize(BODY_SIZE).text('本院地址：', { continued: true, lineGap: LINE_GAP });
    doc.font('cjk').text(`${c.courtAddress ?? unknown}${IDEOGRAPHIC_SPACE}`, { continued: true });
    doc.font('cjk-bold').text('联系电话：', { continued: true });
    doc.font('cjk').text(c.courtPhone ?? unknown);
  }
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(12);
  doc.text(c.courtName, left, doc.y, { width, align: 'right' });
  doc.text(chineseDate(c.issuedOn), left, doc.y, { width, align: 'right' });
  doc.text('（院印）', left, doc.y, { width, align: 'right' });
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    'fee-notice': FeeNoticeContent;
  }
}
