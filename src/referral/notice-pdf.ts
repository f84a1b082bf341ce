// The printed 《诉前调解告知书》: A4, the embedded CJK font, laid out from the
// notice as issued, with a consent/refusal block and rating code per party.
import { createPdfDocument, pdfToBuffer } from '../common/pdf.js';
import { chineseDate, type NoticeContent, type NoticeParty } from './notice-text.js';

const BODY_SIZE = 11;
const LINE_GAP = 4;
/** Two full-width characters of first-line indent, as Chinese documents do. */
const INDENT = BODY_SIZE * 2;
const BOX = 9;

type Doc = PDFKit.PDFDocument;

/** Renders one notice; `ratingCodes` maps party id to that party's 群众评价码. */
export function renderNoticePdf(content: NoticeContent, ratingCodes: ReadonlyMap<string, string>): Promise<Buffer> {
  const doc = createPdfDocument({ title: `${content.courtName}${content.title} ${content.number}` });
  header(doc, content);
  partiesAndClaim(doc, content);
  paragraph(doc, content.introduction);
  for (const section of content.sections) {
    heading(doc, section.heading);
    section.paragraphs.forEach((text) => paragraph(doc, text));
  }
  consentSection(doc, content, ratingCodes);
  closing(doc, content);
  pageNumbers(doc);
  return pdfToBuffer(doc);
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function header(doc: Doc, content: NoticeContent): void {
  doc.font('cjk-bold').fontSize(18).text(content.courtName, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.3);
  doc.fontSize(22).text(content.title, { align: 'center', characterSpacing: 6 });
  doc.moveDown(0.4);
  doc.font('cjk').fontSize(BODY_SIZE).text(content.number, { align: 'right' });
  const y = doc.y + 4;
  doc
    .moveTo(doc.page.margins.left, y)
    .lineTo(doc.page.width - doc.page.margins.right, y)
    .lineWidth(1)
    .stroke();
  doc.y = y + 10;
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
  for (const party of content.parties) labelled(doc, party.roleLabel, partyLine(party));
  labelled(doc, '案由', content.caseType);
  // A claim with no sum of money (e.g. custody) shows no amount rather than 0.00元.
  if (content.claimAmount !== '0.00') labelled(doc, '请求金额', `${content.claimAmount}元`);
  labelled(doc, '诉讼请求', content.claims);
  doc.moveDown(0.5);
}

/** A heading needs room for itself and two lines of its text, or it moves to the next page. */
const HEADING_KEEP_WITH_NEXT = 64;

function heading(doc: Doc, text: string): void {
  if (doc.y + HEADING_KEEP_WITH_NEXT > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.moveDown(0.3);
  doc.font('cjk-bold').fontSize(12).text(text, { lineGap: LINE_GAP });
}

function paragraph(doc: Doc, text: string): void {
  doc.font('cjk').fontSize(BODY_SIZE).text(text, { indent: INDENT, lineGap: LINE_GAP, align: 'justify' });
}

/** Room a party's block needs, so that it is never split over two pages. */
const PARTY_BLOCK_HEIGHT = 96;

function consentSection(doc: Doc, content: NoticeContent, ratingCodes: ReadonlyMap<string, string>): void {
  heading(doc, content.consentHeading);
  paragraph(doc, content.consentInstructions);
  doc.moveDown(0.5);
  for (const party of content.parties) {
    if (doc.y + PARTY_BLOCK_HEIGHT > doc.page.height - doc.page.margins.bottom) doc.addPage();
    partyBlock(doc, party, ratingCodes.get(party.partyId));
  }
  doc.font('cjk').fontSize(9).fillColor('#333333').text(content.ratingCodeInstructions, { lineGap: 2 });
  doc.fillColor('black');
}

function partyBlock(doc: Doc, party: NoticeParty, ratingCode: string | undefined): void {
  const left = doc.page.margins.left;
  const top = doc.y;
  doc
    .font('cjk-bold')
    .fontSize(BODY_SIZE)
    .text(`${party.roleLabel}：${party.name}`, left + 8, top + 8);
  const boxesY = doc.y + 6;
  tickBox(doc, left + 8, boxesY, '同意诉前调解');
  tickBox(doc, left + 150, boxesY, '不同意诉前调解');
  const signY = boxesY + 22;
  doc
    .font('cjk')
    .fontSize(BODY_SIZE)
    .text('签名（盖章）：____________________', left + 8, signY, { lineBreak: false });
  doc.text('日期：________年____月____日', left + 250, signY, { lineBreak: false });
  const codeY = signY + 22;
  doc.text('群众评价码：', left + 8, codeY, { continued: true, lineBreak: false });
  doc.font('cjk-bold').text(ratingCode ?? '（无）', { lineBreak: false });
  const bottom = codeY + BODY_SIZE + 10;
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

function closing(doc: Doc, content: NoticeContent): void {
  if (doc.y + 80 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.moveDown(1.5);
  doc.font('cjk').fontSize(12);
  doc.text(content.courtName, left, doc.y, { width, align: 'right' });
  doc.text(chineseDate(content.issuedOn), left, doc.y, { width, align: 'right' });
  doc.text('（院印）', left, doc.y, { width, align: 'right' });
  doc.moveDown(0.5);
  doc.fontSize(BODY_SIZE).text(`经办人：${content.issuedByName}`, left, doc.y, { width });
}

/** 第 X 页 共 N 页, written into the bottom margin of every buffered page. */
function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
    doc
      .font('cjk')
      .fontSize(9)
      .text(`第 ${i + 1} 页 共 ${range.count} 页`, doc.page.margins.left, doc.page.height - bottomMargin / 2 - 5, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}
