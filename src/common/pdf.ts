// PDF documents in Chinese with a CJK font that ships in an npm package
// (@embedpdf/fonts-sc, Noto Sans Hans), embedded as a subset: the PDF renders
// the same on a machine with no Chinese fonts installed.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
// The package exports only its JS entry (dist/); the font files sit beside it in fonts/.
const fontDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts') + path.sep;

export const CJK_FONT_REGULAR = `${fontDir}NotoSansHans-Regular.otf`;
export const CJK_FONT_BOLD = `${fontDir}NotoSansHans-Bold.otf`;

/** An A4 document with the CJK fonts registered as 'cjk' and 'cjk-bold' ('cjk' selected). */
export function createPdfDocument(info: { title: string; author?: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    info: { Title: info.title, Author: info.author ?? '', Creator: '诉前调解案件平台' },
    bufferPages: true,
  });
  doc.registerFont('cjk', CJK_FONT_REGULAR);
  doc.registerFont('cjk-bold', CJK_FONT_BOLD);
  doc.font('cjk');
  return doc;
}

/** Renders a document to a Buffer (our documents are a few pages; callers may stream instead). */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
