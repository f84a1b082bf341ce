// The documents of the case file in the house style of the court's other papers (告知书、调解协议书): the serif
// fonts of src/common/pdf.ts, the court's name over the title, the case number, the court's address and phone at
// the end, and 第 X 页 共 N 页 with the court's name at the foot of every page.
import { createPdfDocument, pdfToBuffer, writePageNumbers, type PageRun } from '../common/pdf.js';
import { chineseDate } from '../referral/notice-text.js';
import { DOCUMENT_TITLES, END_TITLES, documentTitle, type EndReason } from './document-kinds.js';

interface DocumentCourt {
  name: string;
  phone: string | null;
  address: string | null;
}

interface DocumentParty {
  roleLabel: string;
  name: string;
  /** The address on file for service (送达地址, else 住址), or null. */
  address: string | null;
  /** Its agents (委托代理人), one line each: name, firm, licence, 代理权限. */
  agents?: string[];
  /** Its agents as they sign (姓名（律师事务所）): a signature line each, under the party's own. */
  agentSigners?: string[];
}

export interface DocumentCase {
  number: string | null;
  caseType: string;
  claims: string;
  parties: DocumentParty[];
  mediatorName: string | null;
}

interface SessionRecordFacts {
  heldOn: string;
  modeLabel: string;
  participants: string[];
  notes: string;
}

/** The case summary's rows: a label and its value (the service builds them from the case view). */
export type SummaryRow = [label: string, value: string];

export type DocumentContent =
  | { kind: 'session-record'; session: SessionRecordFacts }
  | { kind: 'undisputed-facts'; facts: string; concludedOn: string }
  | { kind: 'service-address' }
  | { kind: 'mediation-ended'; reason: EndReason; endedOn: string; issuedOn: string }
  | { kind: 'case-summary'; rows: SummaryRow[]; attachments: string[]; printedOn: string };

const BODY = 12;
const GAP = 5;
const INDENT = BODY * 2;
type Doc = PDFKit.PDFDocument;

const END_TEXT: Record<EndReason, string> = {
  FAILED: '经调解员主持调解，双方当事人未能达成调解协议，本案诉前调解不成，调解程序终结。',
  EXPIRED: '调解期限届满，双方当事人未能达成调解协议，本案诉前调解程序终结。',
  REFUSED: '因当事人不同意诉前调解，本案不再进行诉前调解，调解程序终结。',
};

export function renderCaseDocument(court: DocumentCourt, c: DocumentCase, content: DocumentContent): Promise<Buffer> {
  const title = documentTitle(content);
  const doc = createPdfDocument({ title: `${title} ${c.number ?? ''}`.trim(), author: court.name });
  let runs: PageRun[] | undefined;
  switch (content.kind) {
    case 'session-record':
      sessionRecord(doc, court, c, content.session);
      break;
    case 'undisputed-facts':
      undisputedFacts(doc, court, c, content.facts, content.concludedOn);
      break;
    case 'service-address':
      runs = serviceAddress(doc, court, c);
      break;
    case 'mediation-ended':
      mediationEnded(doc, court, c, content.reason, content.endedOn, content.issuedOn);
      break;
    case 'case-summary':
      caseSummary(doc, court, c, content.rows, content.attachments, content.printedOn);
      break;
  }
  writePageNumbers(doc, runs, court.name);
  return pdfToBuffer(doc);
}

function width(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function header(doc: Doc, court: DocumentCourt, title: string, number: string | null, recipient?: string): void {
  doc.font('cjk-bold').fontSize(18).text(court.name, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.2);
  doc.fontSize(22).text(title, { align: 'center', characterSpacing: 6 });
  doc.moveDown(0.3);
  const left = doc.page.margins.left;
  const y = doc.y;
  doc.font('cjk').fontSize(BODY);
  if (recipient) doc.text(recipient, left, y, { width: width(doc) });
  doc.text(number ?? '（尚未编号）', left, y, { width: width(doc), align: 'right' });
  const ruleY = doc.y + 3;
  doc
    .moveTo(left, ruleY)
    .lineTo(left + width(doc), ruleY)
    .lineWidth(1)
    .stroke();
  doc.x = left;
  doc.y = ruleY + 8;
}

function labelled(doc: Doc, label: string, value: string): void {
  doc.font('cjk-bold').fontSize(BODY).text(`${label}：`, { continued: true, lineGap: GAP });
  doc.font('cjk').text(value || '—', { lineGap: GAP });
}

function paragraph(doc: Doc, text: string): void {
  doc.font('cjk').fontSize(BODY).text(text, { indent: INDENT, lineGap: GAP, align: 'justify' });
}

function heading(doc: Doc, text: string): void {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.3);
  doc.font('cjk-bold').fontSize(13).text(text, { lineGap: GAP });
}

function partiesBlock(doc: Doc, c: DocumentCase): void {
  for (const p of c.parties) {
    labelled(doc, p.roleLabel, p.name);
    for (const agent of p.agents ?? []) labelled(doc, '委托代理人', agent);
  }
  labelled(doc, '案由', c.caseType);
}

/** 本院地址 and 联系电话, where the court has set them (本院信息). */
function contact(doc: Doc, court: DocumentCourt): void {
  doc.moveDown(0.5);
  doc.x = doc.page.margins.left;
  labelled(doc, '本院地址', court.address ?? '请向本院立案窗口询问');
  labelled(doc, '联系电话', court.phone ?? '请向本院立案窗口询问');
}

const SIGN_ROW = 40;
/** The shortest line left to sign on beside a name (points); shorter, the line goes under the name. */
const MIN_SIGN_LINE = 120;

/** A signature line: who signs, and how far it is set in (an agent's, under its party's). */
interface SignRow {
  who: string;
  indent?: number;
}

/** Each party's signature line, then one for each of its agents (委托代理人：姓名（律师事务所）) under it. */
function partySignRows(parties: DocumentParty[], who: (p: DocumentParty) => string): SignRow[] {
  return parties.flatMap((p) => [
    { who: who(p) },
    ...(p.agentSigners ?? []).map((agent) => ({ who: `委托代理人：${agent}`, indent: INDENT })),
  ]);
}

/** Who signs, a line to sign on and a date, each row kept whole on a page. */
function signingLines(doc: Doc, rows: (string | SignRow)[]): void {
  const left = doc.page.margins.left;
  const dateX = left + width(doc) - 130;
  doc.moveDown(1);
  for (const row of rows) {
    const { who, indent = 0 } = typeof row === 'string' ? { who: row } : row;
    doc.font('cjk').fontSize(BODY);
    const label = `${who}（签名）：`;
    // A long name (a company, an agent with its firm) leaves too short a line to sign on: the name on a row of
    // its own, then （签名）： and the line under it.
    const twoRows = left + indent + doc.widthOfString(label) + 4 > dateX - 16 - MIN_SIGN_LINE;
    const height = twoRows ? SIGN_ROW + BODY + 8 : SIGN_ROW;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    let y = doc.y + 6;
    let x = left + indent;
    let text = label;
    if (twoRows) {
      doc.text(who, x, y, { width: width(doc) - indent });
      y = doc.y + 4;
      x += INDENT;
      text = '（签名）：';
    }
    doc.text(text, x, y, { lineBreak: false });
    const from = x + doc.widthOfString(text) + 4;
    doc
      .moveTo(from, y + BODY + 2)
      .lineTo(dateX - 16, y + BODY + 2)
      .lineWidth(0.6)
      .stroke();
    doc.text('____年__月__日', dateX, y, { width: 130, align: 'right', lineBreak: false });
    doc.x = left;
    doc.y = y + SIGN_ROW - 6;
  }
}

function closing(doc: Doc, court: DocumentCourt, on: string): void {
  const left = doc.page.margins.left;
  if (doc.y + 80 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(1);
  doc.font('cjk').fontSize(BODY);
  doc.text(court.name, left, doc.y, { width: width(doc), align: 'right' });
  doc.text(chineseDate(on), left, doc.y, { width: width(doc), align: 'right' });
  doc.text('（院印）', left, doc.y, { width: width(doc), align: 'right' });
}

function sessionRecord(doc: Doc, court: DocumentCourt, c: DocumentCase, s: SessionRecordFacts): void {
  header(doc, court, DOCUMENT_TITLES['session-record'], c.number);
  labelled(doc, '时间', chineseDate(s.heldOn));
  labelled(doc, '方式', s.modeLabel);
  labelled(doc, '调解员', c.mediatorName ?? '');
  labelled(doc, '参加人员', s.participants.join('、'));
  partiesBlock(doc, c);
  heading(doc, '调解情况');
  for (const line of lines(s.notes)) paragraph(doc, line);
  doc.moveDown(0.5);
  paragraph(doc, '以上笔录已交参加人员阅读（或向其宣读），确认无误。');
  signingLines(doc, [...partySignRows(c.parties, (p) => `${p.roleLabel} ${p.name}`), '调解员', '记录人']);
  contact(doc, court);
}

function undisputedFacts(doc: Doc, court: DocumentCourt, c: DocumentCase, facts: string, concludedOn: string): void {
  header(doc, court, DOCUMENT_TITLES['undisputed-facts'], c.number);
  partiesBlock(doc, c);
  labelled(doc, '调解员', c.mediatorName ?? '');
  doc.moveDown(0.3);
  paragraph(
    doc,
    `本案经调解，双方当事人于${chineseDate(concludedOn)}未能达成调解协议。经当事人同意，调解员对双方当事人没有争议的事实记载如下：`,
  );
  for (const line of lines(facts)) paragraph(doc, line);
  paragraph(
    doc,
    '当事人签字确认的上述无争议事实，在诉讼过程中无需另行举证，但涉及国家利益、社会公共利益和他人合法权益的除外。',
  );
  signingLines(doc, [...partySignRows(c.parties, (p) => `${p.roleLabel} ${p.name}`), '调解员']);
  contact(doc, court);
}

/** One page per party: the address on file and blank lines to confirm or correct it. */
function serviceAddress(doc: Doc, court: DocumentCourt, c: DocumentCase): PageRun[] {
  const runs: PageRun[] = [];
  c.parties.forEach((p, i) => {
    if (i > 0) doc.addPage();
    const start = doc.bufferedPageRange().count - 1;
    header(doc, court, DOCUMENT_TITLES['service-address'], c.number, `受送达人：${p.roleLabel} ${p.name}`);
    labelled(doc, '案由', c.caseType);
    labelled(doc, '本院登记的送达地址', p.address ?? '（未登记）');
    heading(doc, '受送达人确认');
    for (const line of [
      '确认送达地址：________________________________________________',
      '邮政编码：____________　收件人：____________　联系电话：______________',
      '电子送达：□ 同意　□ 不同意　电子邮箱或手机号码：______________________',
    ]) {
      doc
        .font('cjk')
        .fontSize(BODY)
        .text(line, { lineGap: GAP * 2 });
    }
    heading(doc, '告知事项');
    paragraph(
      doc,
      '一、受送达人应当如实提供确切的送达地址；送达地址变更的，应当及时书面告知本院，未告知的，以本确认书确认的地址为送达地址。',
    );
    paragraph(
      doc,
      '二、因受送达人提供的地址不准确、变更未及时告知、本人或者指定的代收人拒绝签收等原因，导致文书未能被实际接收的，文书退回之日视为送达之日。',
    );
    paragraph(doc, '三、同意电子送达的，文书到达所确认的电子邮箱或手机号码之日为送达之日。');
    signingLines(
      doc,
      partySignRows([p], () => `受送达人 ${p.name}`),
    );
    contact(doc, court);
    runs.push({ start, count: doc.bufferedPageRange().count - start });
  });
  return runs;
}

function mediationEnded(
  doc: Doc,
  court: DocumentCourt,
  c: DocumentCase,
  reason: EndReason,
  endedOn: string,
  issuedOn: string,
): void {
  header(doc, court, END_TITLES[reason], c.number);
  doc
    .font('cjk')
    .fontSize(BODY)
    .text(`${c.parties.map((p) => p.name).join('、')}：`, { lineGap: GAP });
  paragraph(doc, `你（你单位）与对方当事人${c.caseType}一案，${chineseDate(endedOn)}，${END_TEXT[reason]}`);
  paragraph(
    doc,
    '申请人可以依法向本院提起诉讼；诉前调解过程中当事人签字确认的无争议事实，在诉讼中无需另行举证。如对本告知有疑问，请与本院联系。',
  );
  paragraph(doc, '特此告知。');
  closing(doc, court, issuedOn);
  contact(doc, court);
}

function caseSummary(
  doc: Doc,
  court: DocumentCourt,
  c: DocumentCase,
  rows: SummaryRow[],
  attachments: string[],
  printedOn: string,
): void {
  header(doc, court, DOCUMENT_TITLES['case-summary'], c.number);
  for (const [label, value] of rows) labelled(doc, label, value);
  heading(doc, '当事人');
  for (const p of c.parties) {
    labelled(doc, p.roleLabel, `${p.name}${p.address ? `，送达地址 ${p.address}` : ''}`);
    for (const agent of p.agents ?? []) labelled(doc, '委托代理人', agent);
  }
  heading(doc, '诉讼请求');
  paragraph(doc, c.claims);
  heading(doc, '卷宗材料');
  if (attachments.length === 0) paragraph(doc, '（无）');
  attachments.forEach((line, i) =>
    doc
      .font('cjk')
      .fontSize(BODY)
      .text(`${i + 1}. ${line}`, { lineGap: GAP }),
  );
  doc.moveDown(0.5);
  doc
    .font('cjk')
    .fontSize(10)
    .text(`打印日期：${chineseDate(printedOn)}`, { align: 'right' });
  contact(doc, court);
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    'case-document': { court: DocumentCourt; case: DocumentCase; content: DocumentContent };
  }
}
