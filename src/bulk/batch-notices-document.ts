// The drawing of a batch's notices file (batch-notices-pdf.ts gathers what it prints): a cover list, then every
// notice, one copy per party, each notice's pages written out as soon as it is drawn. Runs in the document
// worker (src/documents/document-worker.ts).
import { createPdfDocument } from '../common/pdf.js';
import type { NoticeContent } from '../referral/notice-text.js';
import { renderNoticeCopies } from '../referral/notice-pdf.js';

/** A batch's notices in one file: the cover list and each notice's copies, in the batch's order. */
interface BatchNoticesModel {
  name: string;
  entries: { externalRef: string | null; number: string; parties: string[] }[];
  at: { first: number; part: number; parts: number };
  notices: BatchNotice[];
}

/** One notice of the batch: its service copies carry `ratingCodes`; a file copy none, with `codeNotes` instead. */
export interface BatchNotice {
  content: NoticeContent;
  ratingCodes: [string, string][];
  codeNotes?: [string, string][];
}

declare module '../common/document-renderer.js' {
  interface StreamedDocumentModels {
    'batch-notices': BatchNoticesModel;
  }
}

/** U+3000, the full-width space between two items on one line of a Chinese document. */
const IDEOGRAPHIC_SPACE = '\u3000';

/** Draws the file, handing each chunk of bytes to `write` (which waits while the reader is behind). */
export async function renderBatchNotices(
  model: BatchNoticesModel,
  write: (chunk: Buffer) => Promise<void>,
): Promise<void> {
  const doc = createPdfDocument({ title: `诉前调解告知书 批次${model.name}` });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const drain = async () => {
    while (chunks.length > 0) await write(chunks.shift()!);
  };
  cover(doc, model);
  await drain();
  for (const notice of model.notices) {
    const codes = { codes: new Map(notice.ratingCodes), notes: new Map(notice.codeNotes ?? []) };
    await renderNoticeCopies(doc, notice.content, codes, true);
    doc.flushPages();
    await drain();
  }
  doc.end();
  await ended;
  await drain();
}

/** 告知书清单: what the file holds, in order, with how many copies each notice has. */
function cover(doc: PDFKit.PDFDocument, model: BatchNoticesModel): void {
  const { name, entries, at } = model;
  doc.font('cjk-bold').fontSize(16).text(`诉前调解告知书清单（批次 ${name}）`, { align: 'center' });
  doc.moveDown(0.5);
  const copies = entries.reduce((sum, e) => sum + e.parties.length, 0);
  const where = at.parts > 1 ? `第 ${at.part} 部分，共 ${at.parts} 部分；` : '';
  doc.font('cjk').fontSize(10.5).text(`${where}告知书 ${entries.length} 份，每名当事人一份，共 ${copies} 份。`);
  if (entries.length === 0) doc.text('本批次尚未发出告知书。');
  doc.moveDown(0.5);
  entries.forEach((e, i) => {
    const ref = e.externalRef ?? '';
    doc.text(
      [`${at.first + i + 1}．${ref}`, e.number, `${e.parties.join('、')}（${e.parties.length} 份）`].join(
        IDEOGRAPHIC_SPACE,
      ),
    );
  });
  doc.flushPages();
}
