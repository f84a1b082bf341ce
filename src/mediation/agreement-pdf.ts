// The printed 调解协议书: made from the settlement as recorded (the agreement text, the amount, the way it ends and
// the performance date), with the parties as registered and a signature line for each party and the mediator.
// One header (number, parties, case type, claims) and one rule of when it takes effect: both printed here only.
import { createPdfDocument, pdfToBuffer, writePageNumbers } from '../common/pdf.js';
import { PARTY_ROLE_LABELS } from '../cases/party.entity.js';
import { chineseDate } from '../referral/notice-text.js';
import type { SettlementMethod } from './mediation-outcome.entity.js';

export interface AgreementParty {
  roleLabel: string;
  name: string;
  /** "公民身份号码 …" or "统一社会信用代码 …", in full: the parties sign it and a court confirms it. */
  identity: string | null;
  legalRepresentative: string | null;
  address: string | null;
  /** Its 委托代理人, one line each (name, firm, licence, 代理权限), printed under it. */
  agents: string[];
  /** Its 委托代理人 as they sign (姓名（律师事务所）): a signature line each, under the party's own. */
  agentSigners: string[];
}

export interface AgreementDocument {
  courtName: string;
  caseNumber: string | null;
  caseType: string;
  /** 申请人的请求, as registered. */
  claims: string;
  parties: AgreementParty[];
  agreement: string;
  /** Yuan, two decimals. */
  amount: string;
  method: SettlementMethod;
  performanceDueOn: string | null;
  agreedOn: string;
  mediatorName: string;
  organizationName: string | null;
}

/** How the settlement is carried out, as the document says it. */
const SETTLEMENT_METHOD_TEXT: Record<SettlementMethod, string> = {
  JUDICIAL_CONFIRMATION: '双方当事人自本协议生效之日起三十日内共同向人民法院申请司法确认',
  MEDIATION_DOCUMENT: '登记立案后由人民法院依据本协议出具民事调解书',
  VOLUNTARY_PERFORMANCE: '当事人按照本协议自动履行',
  WITHDRAWAL: '申请人撤回调解申请',
  IMMEDIATE_PERFORMANCE: '当事人于本协议签订时即时履行完毕',
};

/** The one rule of when the agreement is in force. */
const EFFECT_RULE = '本协议自各方当事人签名（盖章）、调解员签名之日起生效。';

const BODY_SIZE = 12;
const LINE_GAP = 5;
const INDENT = BODY_SIZE * 2;
type Doc = PDFKit.PDFDocument;

export function renderAgreementPdf(d: AgreementDocument): Promise<Buffer> {
  const doc = createPdfDocument({ title: `调解协议书 ${d.caseNumber ?? ''}`.trim() });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('cjk-bold').fontSize(22).text('调解协议书', { align: 'center', characterSpacing: 8 });
  doc.moveDown(0.3);
  if (d.caseNumber) doc.font('cjk').fontSize(BODY_SIZE).text(d.caseNumber, { align: 'right' });
  doc.moveDown(0.5);
  for (const party of d.parties) {
    labelled(doc, party.roleLabel, partyLine(party));
    for (const agent of party.agents) labelled(doc, '委托代理人', agent);
  }
  labelled(doc, '案由', d.caseType);
  labelled(doc, '申请人的请求', d.claims);
  labelled(doc, '调解组织', [d.organizationName, `调解员 ${d.mediatorName}`].filter(Boolean).join('，'));
  doc.moveDown(0.5);
  heading(doc, '协议内容');
  for (const line of agreementLines(d.agreement)) paragraph(doc, line);
  doc.moveDown(0.5);
  heading(doc, '协议要点');
  labelled(doc, '协议金额', `人民币 ${d.amount} 元`);
  labelled(
    doc,
    '履行期限',
    d.performanceDueOn ? `${chineseDate(d.performanceDueOn)}前履行完毕` : '签订本协议时即时履行',
  );
  labelled(doc, '履行方式', SETTLEMENT_METHOD_TEXT[d.method]);
  paragraph(
    doc,
    `本协议一式${copiesText(d.parties.length + 2)}份，各方当事人、调解组织各执一份，并交人民法院一份备案。${EFFECT_RULE}`,
  );
  signatures(doc, d, width);
  writePageNumbers(doc, undefined, d.courtName);
  return pdfToBuffer(doc);
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 4 -> 四, 12 -> 十二 (a document counts its copies in words). */
function copiesText(n: number): string {
  if (n <= 10) return CHINESE_DIGITS[n];
  if (n < 20) return `十${CHINESE_DIGITS[n - 10]}`;
  return String(n);
}

const PARTY_LINE = new RegExp(`^(${Object.values(PARTY_ROLE_LABELS).join('|')})：`);
/** What the earlier template wrote into the text and the document prints itself: title, number, case type, parties,
 * claims, and a rule of when it takes effect that differed from the document's. */
const PRINTED_BY_THE_DOCUMENT = [
  /^调解协议书$/,
  /^案号：/,
  /^案由：/,
  PARTY_LINE,
  /^申请人的请求：/,
  /^[一二三四五六七八九十]+、本协议自.*生效/,
];

/** The recorded text without the lines the document prints itself. */
export function agreementLines(agreement: string): string[] {
  return agreement
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !PRINTED_BY_THE_DOCUMENT.some((pattern) => pattern.test(line)));
}

function partyLine(p: AgreementParty): string {
  return [
    p.name,
    p.identity,
    p.legalRepresentative ? `法定代表人 ${p.legalRepresentative}` : null,
    p.address ? `住所 ${p.address}` : null,
  ]
    .filter(Boolean)
    .join('，');
}

function labelled(doc: Doc, label: string, value: string): void {
  doc.font('cjk-bold').fontSize(BODY_SIZE).text(`${label}：`, { continued: true, lineGap: LINE_GAP });
  doc.font('cjk').text(value, { lineGap: LINE_GAP });
}

function heading(doc: Doc, text: string): void {
  if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font('cjk-bold').fontSize(13).text(text, { lineGap: LINE_GAP });
}

function paragraph(doc: Doc, text: string): void {
  doc.font('cjk').fontSize(BODY_SIZE).text(text, { indent: INDENT, lineGap: LINE_GAP, align: 'justify' });
}

const SIGNATURE_ROW = 52;

/** Per party and for the mediator: who signs, then the line to sign on and the date; kept together on one page. */
function signatures(doc: Doc, d: AgreementDocument, width: number): void {
  const rows = [
    ...d.parties.flatMap((p) => [
      { who: `${p.roleLabel}：${p.name}`, sign: '签名（盖章）', indent: 0 },
      // An agent signs under the party it acts for, as courts print it (委托代理人：姓名（律师事务所）).
      ...(p.agentSigners ?? []).map((agent) => ({ who: `委托代理人：${agent}`, sign: '签名', indent: INDENT })),
    ]),
    { who: `调解员：${d.mediatorName}`, sign: '签名', indent: 0 },
  ];
  const needed = 30 + rows.length * SIGNATURE_ROW + 40;
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  doc.moveDown(1);
  for (const row of rows) {
    const y = doc.y + 6;
    doc
      .font('cjk')
      .fontSize(BODY_SIZE)
      .text(row.who, left + row.indent, y, { width: width - row.indent });
    const signY = doc.y + 6;
    const label = `${row.sign}：`;
    doc.text(label, left + row.indent + INDENT, signY, { lineBreak: false });
    const lineFrom = left + row.indent + INDENT + doc.widthOfString(label) + 4;
    const dateX = left + width - 130;
    doc
      .moveTo(lineFrom, signY + BODY_SIZE + 2)
      .lineTo(dateX - 16, signY + BODY_SIZE + 2)
      .lineWidth(0.6)
      .stroke();
    doc.text('____年__月__日', dateX, signY, { width: 130, align: 'right', lineBreak: false });
    doc.x = left;
    doc.y = signY + BODY_SIZE + 14;
  }
  doc.moveDown(0.5);
  doc.text(`本协议于${chineseDate(d.agreedOn)}经调解达成。`, left, doc.y, { width, align: 'right' });
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    agreement: AgreementDocument;
  }
}
