// The signed 调解协议's file: the agreement's pages exactly as the parties read them, then the signature page's
// (both drawn by the document worker); pdf-lib copies pages without drawing, so it runs here.
import { PDFDocument } from 'pdf-lib';

/** The agreement's own pages, unchanged, followed by the signature page's. */
export async function appendPages(agreement: Buffer, signaturePage: Buffer): Promise<Buffer> {
  const out = await PDFDocument.load(agreement, { updateMetadata: false });
  const page = await PDFDocument.load(signaturePage);
  const copied = await out.copyPages(page, page.getPageIndices());
  for (const p of copied) out.addPage(p);
  return Buffer.from(await out.save({ useObjectStreams: false }));
}
