// The document worker: the only module of the app that loads pdfkit (through src/common/pdf.ts and the
// renderers). It runs in a worker thread of the DocumentRenderer's pool (src/common/document-renderer.ts,
// piscina), takes a plain model and returns the PDF's bytes, or, for a streamed document, sends its chunks
// through the task's port as they are drawn and waits for the caller to read them (at most STREAM_WINDOW bytes
// unread). Fonts are read and parsed once per worker (src/common/pdf.ts keeps them).
import type { MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { renderBatchNotices } from './bulk/batch-notices-document.js';
import { renderCaseDocument } from './casefile/case-document-pdf.js';
import { renderConsultationPdf } from './consultation/consultation-pdf.js';
import { renderAgreementPdf } from './mediation/agreement-pdf.js';
import { renderSignaturePage } from './agreement-signing/signature-page.js';
import { renderServiceReceipt } from './party/service-receipt-pdf.js';
import { renderRulingPdf } from './mediation/judicial-ruling-pdf.js';
import { renderNoticePdf } from './referral/notice-pdf.js';
import { renderFeeNoticePdf } from './trial/fee-notice-pdf.js';
import type { RenderTask, StreamMessage } from './common/document-renderer.js';

/** Bytes a streamed document may have sent and the caller not yet read before drawing waits. */
const STREAM_WINDOW = 1024 * 1024;

function renderWhole(task: Exclude<RenderTask, { kind: 'batch-notices' }>): Promise<Buffer> {
  switch (task.kind) {
    case 'notice':
      return renderNoticePdf(
        task.model.content,
        { codes: new Map(task.model.ratingCodes), notes: new Map(task.model.codeNotes ?? []) },
        task.model.onlyPartyId,
      );
    case 'case-document':
      return renderCaseDocument(task.model.court, task.model.case, task.model.content);
    case 'consultation':
      return renderConsultationPdf(task.model);
    case 'agreement':
      return renderAgreementPdf(task.model);
    case 'judicial-ruling':
      return renderRulingPdf(task.model);
    case 'fee-notice':
      return renderFeeNoticePdf(task.model);
    case 'signature-page':
      return renderSignaturePage(task.model);
    case 'service-receipt':
      return renderServiceReceipt(task.model);
  }
}

/** Sends a document's chunks through `port`, pausing while more than STREAM_WINDOW bytes are unread. */
async function streamTo(port: MessagePort, draw: (write: (chunk: Buffer) => Promise<void>) => Promise<void>) {
  let unread = 0;
  let resume: (() => void) | null = null;
  port.on('message', (message: StreamMessage) => {
    if (message.type !== 'ack') return;
    unread -= message.bytes;
    if (unread <= STREAM_WINDOW && resume) {
      const go = resume;
      resume = null;
      go();
    }
  });
  // The reader went away (a client that hung up): stop drawing instead of waiting for it for ever.
  let cancelled = false;
  port.on('close', () => {
    cancelled = true;
    resume?.();
  });
  const write = async (chunk: Buffer) => {
    if (cancelled) throw new Error('the reader closed the stream');
    const data = new Uint8Array(chunk); // a copy of its own, transferred whole
    unread += data.byteLength;
    port.postMessage({ type: 'chunk', data } satisfies StreamMessage, [data.buffer]);
    if (unread > STREAM_WINDOW) await new Promise<void>((go) => (resume = go));
    if (cancelled) throw new Error('the reader closed the stream');
  };
  try {
    await draw(write);
    port.postMessage({ type: 'end' } satisfies StreamMessage);
  } catch (error) {
    if (!cancelled)
      port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    port.close();
  }
}

export default async function render(task: RenderTask): Promise<Buffer | null> {
  if (task.kind === 'batch-notices') {
    await streamTo(task.port, (write) => renderBatchNotices(task.model, write));
    return null;
  }
  const pdf = await renderWhole(task);
  // The bytes move to the caller's thread instead of being copied (a view of a shared pool is copied first).
  const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : new Uint8Array(pdf);
  return Piscina.move(own) as unknown as Buffer;
}
