// The printed notice (《先行调解告知书》, 《诉前引导告知书》 or the old 《诉前调解告知书》): one copy per party (each from a new page), laid out from the notice as issued.
// A copy carries only its own party's answer block and 群众评价码, so that nobody can rate in another's name; the
// court's phone, address and reply deadline, the rating page and its QR code, and the seal stay together with
// the text on at most two A4 pages. The court's file copy (存档本) prints no code at all: a code is printed only on
// the service copy (送达本) handed or sent to its party (referral-notice.service.ts).
import QRCode from 'qrcode';
import { createPdfDocument, pdfToBuffer, writePageNumbers } from '../common/pdf.js';
import {
  answerChoicesOf,
  chineseDate,
  type NoticeContact,
  type NoticeContent,
  type NoticeParty,
} from './notice-text.js';

const BODY_SIZE = 10.5;
const LINE_GAP = 2;
/** Two full-width characters of first-line indent, as Chinese documents do. */
const INDENT = BODY_SIZE * 2;
const BOX = 9;
const QR_SIZE = 68;
/** U+3000, the full-width space between two items on one line of a Chinese document. */
const IDEOGRAPHIC_SPACE = '\u3000';

type Doc = PDFKit.PDFDocument;

/** One party's copy: who it is handed to, its rating code and the QR code of its rating link. */
interface Copy {
  party: NoticeParty;
  ratingCode: string | undefined;
  /** Printed in place of a code the copy does not carry (a file copy, a code already used). */
  codeNote: string | undefined;
  qr: Buffer | null;
}

/** What a copy prints for its code: the code, or why there is none. */
interface RatingCodes {
  /** party id -> that party's 群众评价码. */
  codes: ReadonlyMap<string, string>;
  /** party id -> the words printed instead of a code. */
  notes?: ReadonlyMap<string, string>;
}

/**
 * Renders the notice, one copy per party (or only `onlyPartyId`'s, the copy a party downloads online);
 * `ratingCodes` maps party id to that party's 群众评价码.
 */
export async function renderNoticePdf(
  content: NoticeContent,
  ratingCodes: RatingCodes,
  onlyPartyId?: string,
): Promise<Buffer> {
  const doc = createPdfDocument({ title: `${content.courtName}${content.title} ${content.number}` });
  await renderNoticeCopies(doc, content, ratingCodes, false, onlyPartyId);
  return pdfToBuffer(doc);
}

/**
 * Writes the notice's copies into a document already open (a batch's notices in one file), each copy numbered
 * on its own pages; `newPage`: start the first copy on a new page. Its pages may be flushed afterwards.
 */
export async function renderNoticeCopies(
  doc: Doc,
  content: NoticeContent,
  ratingCodes: RatingCodes,
  newPage: boolean,
  onlyPartyId?: string,
): Promise<void> {
  const served = onlyPartyId ? content.parties.filter((p) => p.partyId === onlyPartyId) : content.parties;
  const copies = await Promise.all(served.map((party) => copyFor(content, party, ratingCodes)));
  const lastPage = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  copies.forEach((copy, i) => {
    if (i > 0 || newPage) doc.addPage();
    const start = lastPage();
    renderCopy(doc, content, copy);
    // Each copy is numbered on its own and its pages written out at once: a 50-party notice is 50 copies of up to
    // seven pages, and holding them all until the end took more memory than a document worker has.
    writePageNumbers(doc, [{ start, count: lastPage() - start + 1 }]);
    doc.flushPages();
  });
}

async function copyFor(content: NoticeContent, party: NoticeParty, ratingCodes: RatingCodes): Promise<Copy> {
  const ratingCode = ratingCodes.codes.get(party.partyId);
  const codeNote = ratingCode ? undefined : ratingCodes.notes?.get(party.partyId);
  const link = ratingLink(content.contact, ratingCode);
  const qr = link ? await QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 }) : null;
  return { party, ratingCode, codeNote, qr };
}

/** The rating page with the code filled in, so that scanning the QR code is all a party needs to do. */
function ratingLink(contact: NoticeContact | undefined, code: string | undefined): string | null {
  if (!contact?.ratingUrl || !code) return null;
  return `${contact.ratingUrl}?code=${code}`;
}

function renderCopy(doc: Doc, content: NoticeContent, copy: Copy): void {
  header(doc, content, copy.party);
  partiesAndClaim(doc, content);
  paragraph(doc, content.introduction);
  for (const section of content.sections) {
    heading(doc, section.heading);
    section.paragraphs.forEach((text) => paragraph(doc, text));
  }
  // The answer, the contacts, the rating and the seal are one block: the seal never stands alone on a page.
  if (doc.y + closingBlockHeight(doc, content) > pageBottom(doc)) doc.addPage();
  consentSection(doc, content, copy.party);
  contactLines(doc, content.contact);
  ratingBox(doc, content, copy);
  closing(doc, content);
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

function header(doc: Doc, content: NoticeContent, recipient: NoticeParty): void {
  doc.font('cjk-bold').fontSize(18).text(content.courtName, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.2);
  doc.fontSize(22).text(content.title, { align: 'center', characterSpacing: 6 });
  doc.moveDown(0.3);
  const left = doc.page.margins.left;
  const y = doc.y;
  doc
    .font('cjk')
    .fontSize(BODY_SIZE)
    .text(`送达：${recipient.roleLabel} ${recipient.name}`, left, y, {
      width: contentWidth(doc),
    });
  doc.text(content.number, left, y, { width: contentWidth(doc), align: 'right' });
  const ruleY = doc.y + 3;
  doc
    .moveTo(left, ruleY)
    .lineTo(doc.page.width - doc.page.margins.right, ruleY)
    .lineWidth(1)
    .stroke();
  doc.x = left;
  doc.y = ruleY + 8;
}

function labelled(doc: Doc, label: string, value: string): void {
  doc.font('cjk-bold').fontSize(BODY_SIZE).text(`${label}：`, { continued: true, lineGap: LINE_GAP });
  doc.font('cjk').text(value, { lineGap: LINE_GAP });
}

function partyLine(party: NoticeParty): string {
  return [
    party.name,
    party.identity,
    party.legalRepresentative ? `法定代表人（负责人） ${party.legalRepresentative}` : null,
  ]
    .filter(Boolean)
    .join('，');
}

function partiesAndClaim(doc: Doc, content: NoticeContent): void {
  if (content.filingNumber) labelled(doc, '案号', content.filingNumber);
  for (const party of content.parties) {
    labelled(doc, party.roleLabel, partyLine(party));
    for (const agent of party.agents ?? []) labelled(doc, '委托代理人', agent);
  }
  labelled(doc, '案由', content.caseType);
  // A claim with no sum of money (e.g. custody) shows no amount rather than 0.00元.
  if (content.claimAmount !== '0.00') labelled(doc, '请求金额', `${content.claimAmount}元`);
  labelled(doc, '诉讼请求', content.claims);
  doc.moveDown(0.3);
}

/** A heading needs room for itself and two lines of its text, or it moves to the next page. */
const HEADING_KEEP_WITH_NEXT = 60;

function heading(doc: Doc, text: string): void {
  if (doc.y + HEADING_KEEP_WITH_NEXT > pageBottom(doc)) doc.addPage();
  doc.moveDown(0.2);
  doc.font('cjk-bold').fontSize(12).text(text, { lineGap: LINE_GAP });
}

function paragraph(doc: Doc, text: string): void {
  doc.font('cjk').fontSize(BODY_SIZE).text(text, { indent: INDENT, lineGap: LINE_GAP, align: 'justify' });
}

const PARTY_BLOCK_HEIGHT = 74;
const RATING_BOX_HEIGHT = QR_SIZE + 12;

/** The height of a line of `font` at `size`, as pdfkit advances it. */
function lineHeight(doc: Doc, font: string, size: number): number {
  return doc.font(font).fontSize(size).currentLineHeight(true);
}

/**
 * The height of everything from the consent heading to the clerk's name, measured with the fonts it is set in,
 * so that the whole block can be moved to a new page rather than leave the seal alone on one.
 */
function closingBlockHeight(doc: Doc, content: NoticeContent): number {
  const width = contentWidth(doc);
  const body = lineHeight(doc, 'cjk', BODY_SIZE);
  const instructions = doc.heightOfString(content.consentInstructions, { width, indent: INDENT, lineGap: LINE_GAP });
  const heading = lineHeight(doc, 'cjk', BODY_SIZE) * 0.2 + lineHeight(doc, 'cjk-bold', 12) + LINE_GAP;
  doc.font('cjk').fontSize(BODY_SIZE);
  const contact = content.contact ? 2 * (body + LINE_GAP) + body * 0.3 : 0;
  const ratingText = ratingTextHeight(doc, content);
  const rating = Math.max(RATING_BOX_HEIGHT, ratingText + 14) + 6;
  const closing = body * 0.3 + 3 * lineHeight(doc, 'cjk', 12) + lineHeight(doc, 'cjk', BODY_SIZE);
  doc.font('cjk').fontSize(BODY_SIZE);
  return heading + instructions + body * 0.4 + PARTY_BLOCK_HEIGHT + 8 + contact + rating + closing;
}

/** The text beside the QR code: the code, the address of the rating page and the instructions. */
function ratingTextHeight(doc: Doc, content: NoticeContent): number {
  const textWidth = contentWidth(doc) - QR_SIZE - 24;
  const code = lineHeight(doc, 'cjk-bold', BODY_SIZE);
  const url = content.contact?.ratingUrl
    ? doc
        .font('cjk')
        .fontSize(BODY_SIZE)
        .heightOfString(`评价网址：${content.contact.ratingUrl}`, { width: textWidth }) + 2
    : 0;
  const instructions = doc
    .font('cjk')
    .fontSize(9)
    .heightOfString(content.ratingCodeInstructions, { width: textWidth, lineGap: 1 });
  return code + url + instructions + 2;
}

function consentSection(doc: Doc, content: NoticeContent, party: NoticeParty): void {
  heading(doc, content.consentHeading);
  paragraph(doc, content.consentInstructions);
  doc.moveDown(0.4);
  partyBlock(doc, party, answerChoicesOf(content));
}

function partyBlock(doc: Doc, party: NoticeParty, choices: { consent: string; refuse: string }): void {
  const left = doc.page.margins.left;
  const top = doc.y;
  doc
    .font('cjk-bold')
    .fontSize(BODY_SIZE)
    .text(`${party.roleLabel}：${party.name}`, left + 8, top + 8);
  const boxesY = doc.y + 6;
  tickBox(doc, left + 8, boxesY, choices.consent);
  tickBox(doc, left + 180, boxesY, choices.refuse);
  const signY = boxesY + 22;
  doc
    .font('cjk')
    .fontSize(BODY_SIZE)
    .text('签名（盖章）：____________________', left + 8, signY, { lineBreak: false });
  doc.text('日期：________年____月____日', left + 250, signY, { lineBreak: false });
  const bottom = signY + BODY_SIZE + 10;
  doc
    .rect(left, top, contentWidth(doc), bottom - top)
    .lineWidth(0.5)
    .stroke();
  doc.x = left;
  doc.y = bottom + 8;
}

function tickBox(doc: Doc, x: number, y: number, label: string): void {
  doc
    .rect(x, y + 2, BOX, BOX)
    .lineWidth(0.8)
    .stroke();
  doc
    .font('cjk')
    .fontSize(BODY_SIZE)
    .text(label, x + BOX + 5, y, { lineBreak: false });
}

/** 联系方式: where and how to answer, and by when. Notices issued before these settings have none. */
function contactLines(doc: Doc, contact: NoticeContact | undefined): void {
  if (!contact) return;
  const left = doc.page.margins.left;
  doc.x = left;
  labelled(doc, '本院地址', contact.address ?? '请向本院立案窗口询问');
  doc.font('cjk-bold').text('联系电话：', { continued: true, lineGap: LINE_GAP });
  doc.font('cjk').text(`${contact.phone ?? '请向本院立案窗口询问'}${IDEOGRAPHIC_SPACE.repeat(2)}`, { continued: true });
  doc.font('cjk-bold').text('答复期限：', { continued: true });
  doc
    .font('cjk')
    .text(
      `${chineseDate(contact.replyBy)}前（收到本告知书后${contact.replyDays}日内）${contact.replyByProvisional ? '（暂定：下一年度法定节假日安排尚未公布）' : ''}`,
    );
  doc.moveDown(0.3);
}

/** 群众评价: this party's code, the rating page and its QR code (with the code in it). */
function ratingBox(doc: Doc, content: NoticeContent, copy: Copy): void {
  const left = doc.page.margins.left;
  const top = doc.y;
  const width = contentWidth(doc);
  const textLeft = copy.qr ? left + QR_SIZE + 16 : left + 8;
  const textWidth = left + width - textLeft - 8;
  if (copy.qr) doc.image(copy.qr, left + 6, top + 6, { width: QR_SIZE, height: QR_SIZE });
  doc
    .font('cjk-bold')
    .fontSize(BODY_SIZE)
    .text('群众评价码：', textLeft, top + 8, { continued: true });
  if (copy.ratingCode) doc.text(copy.ratingCode, { characterSpacing: 1 });
  else doc.font('cjk').text(copy.codeNote ?? '（无）');
  const url = content.contact?.ratingUrl;
  if (url) {
    doc
      .font('cjk')
      .fontSize(BODY_SIZE)
      .text(`评价网址：${url}`, textLeft, doc.y + 2, { width: textWidth });
  }
  doc
    .font('cjk')
    .fontSize(9)
    .fillColor('#333333')
    .text(content.ratingCodeInstructions, textLeft, doc.y + 2, { width: textWidth, lineGap: 1 });
  doc.fillColor('black');
  const bottom = Math.max(doc.y + 6, top + RATING_BOX_HEIGHT);
  doc.font('cjk').fontSize(BODY_SIZE);
  doc
    .rect(left, top, width, bottom - top)
    .lineWidth(0.5)
    .stroke();
  doc.x = left;
  doc.y = bottom + 6;
}

function closing(doc: Doc, content: NoticeContent): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(12);
  doc.text(content.courtName, left, doc.y, { width, align: 'right' });
  doc.text(chineseDate(content.issuedOn), left, doc.y, { width, align: 'right' });
  doc.text('（院印）', left, doc.y, { width, align: 'right' });
  doc.fontSize(BODY_SIZE).text(`经办人：${content.issuedByName}`, left, doc.y, { width });
}

/** A notice as issued, with each served party's 群众评价码 (derived by the caller: the secret stays there). */
interface NoticeModel {
  content: NoticeContent;
  /** [partyId, ratingCode] pairs. */
  ratingCodes: [string, string][];
  /** [partyId, words printed instead of a code] pairs, for the copies without one. */
  codeNotes?: [string, string][];
  /** Only this party's copy (the copy a party downloads online). */
  onlyPartyId?: string;
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    notice: NoticeModel;
  }
}
