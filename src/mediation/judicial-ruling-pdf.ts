// The printed 民事裁定书 of a 司法确认 (Civil Procedure Law arts. 205-206): the court, the 民特 number, the
// applicants (both sides apply together), the agreement as recorded, the decision and its date. Same type and
// spacing as the 调解协议书 (agreement-pdf.ts).
import { createPdfDocument, pdfToBuffer } from '../common/pdf.js';
import { chineseDate } from '../referral/notice-text.js';
import { rulingText, type RulingDocument, type RulingParty } from './judicial-ruling-text.js';

export type { RulingDocument, RulingParty } from './judicial-ruling-text.js';

const BODY_SIZE = 12;
const LINE_GAP = 6;
const INDENT = BODY_SIZE * 2;
/** 全角空格 between a title and a name, as court documents set them. */
const FULL_WIDTH_SPACE = '\u3000';
type Doc = PDFKit.PDFDocument;

export function renderRulingPdf(d: RulingDocument): Promise<Buffer> {
  const doc = createPdfDocument({ title: `民事裁定书 ${d.number}` });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('cjk-bold').fontSize(20).text(d.courtName, { align: 'center', characterSpacing: 2 });
  doc.moveDown(0.3);
  doc.font('cjk-bold').fontSize(22).text('民事裁定书', { align: 'center', characterSpacing: 8 });
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(BODY_SIZE).text(d.number, { align: 'right' });
  doc.moveDown(0.5);
  for (const party of d.parties) labelled(doc, '申请人', partyLine(party));
  doc.moveDown(0.5);
  const names = d.parties.map((p) => p.name).join('与');
  paragraph(
    doc,
    `申请人${names}于${chineseDate(d.appliedOn)}向本院申请司法确认调解协议，本院受理后依法进行了审查。现已审查终结。`,
  );
  paragraph(
    doc,
    `申请人${names}于${chineseDate(d.agreedOn)}${d.organizationName ? `经${d.organizationName}主持调解` : '经调解'}，达成如下调解协议：`,
  );
  for (const line of agreementLines(d.agreement)) paragraph(doc, line);
  const text = rulingText(d);
  paragraph(doc, text.reasoning);
  doc.font('cjk-bold').fontSize(BODY_SIZE).text(text.ruling, { indent: INDENT, lineGap: LINE_GAP });
  paragraph(doc, text.after);
  paragraph(doc, '本裁定书自即日起发生法律效力。');
  closing(doc, d, width);
  return pdfToBuffer(doc);
}

/** The recorded text without the title the template opens with. */
function agreementLines(agreement: string): string[] {
  return agreement
    .split('\n')
    .map((line) => line.trim())
    .filter((line, i) => line !== '' && !(i === 0 && line === '调解协议书'));
}

function partyLine(p: RulingParty): string {
  return [
    p.name,
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

function paragraph(doc: Doc, text: string): void {
  doc.font('cjk').fontSize(BODY_SIZE).text(text, { indent: INDENT, lineGap: LINE_GAP, align: 'justify' });
}

/** 审判员, the date and the clerk's lines, kept together at the right. */
function closing(doc: Doc, d: RulingDocument, width: number): void {
  if (doc.y + 120 > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const left = doc.page.margins.left;
  doc.moveDown(1.5);
  const right = (text: string) =>
    doc.font('cjk').fontSize(BODY_SIZE).text(text, left, doc.y, { width, align: 'right', lineGap: LINE_GAP });
  right(`审判员${FULL_WIDTH_SPACE}${d.judgeName ?? '__________'}`);
  doc.moveDown(0.5);
  right(chineseDate(d.decidedOn));
  doc.moveDown(0.5);
  right(`书记员${FULL_WIDTH_SPACE}__________`);
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    'judicial-ruling': RulingDocument;
  }
}
