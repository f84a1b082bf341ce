// What each document the platform prints is made from: a plain, serialisable model that the request gathers
// (database reads, rating codes) and hands to the document worker (document-worker.ts), which lays it out with
// pdfkit off the request's event loop. Type imports only: nothing here loads a renderer.
import type { DocumentCase, DocumentContent, DocumentCourt } from '../casefile/case-document-pdf.js';
import type { ConsultationPdfData } from '../consultation/consultation-pdf.js';
import type { AgreementDocument } from '../mediation/agreement-pdf.js';
import type { RulingDocument } from '../mediation/judicial-ruling-pdf.js';
import type { NoticeContent } from '../referral/notice-text.js';
import type { FeeNoticeContent } from '../trial/fee-notice-pdf.js';

/** A notice as issued, with each served party's 群众评价码 (derived by the caller: the secret stays there). */
export interface NoticeModel {
  content: NoticeContent;
  /** [partyId, ratingCode] pairs. */
  ratingCodes: [string, string][];
  /** Only this party's copy (the copy a party downloads online). */
  onlyPartyId?: string;
}

/** A batch's notices in one file: the cover list and each notice's copies, in the batch's order. */
export interface BatchNoticesModel {
  name: string;
  entries: { externalRef: string | null; number: string; parties: string[] }[];
  at: { first: number; part: number; parts: number };
  notices: { content: NoticeContent; ratingCodes: [string, string][] }[];
}

/** The documents rendered whole into a Buffer, by kind. */
export interface DocumentModels {
  notice: NoticeModel;
  'case-document': { court: DocumentCourt; case: DocumentCase; content: DocumentContent };
  consultation: ConsultationPdfData;
  agreement: AgreementDocument;
  'judicial-ruling': RulingDocument;
  'fee-notice': FeeNoticeContent;
}

export type DocumentKindName = keyof DocumentModels;

/** The documents streamed out as they are drawn (a batch file may run to hundreds of pages). */
export interface StreamedDocumentModels {
  'batch-notices': BatchNoticesModel;
}

export type StreamedDocumentKind = keyof StreamedDocumentModels;

/** One task for the worker: a whole document, or a streamed one whose chunks go through `port`. */
export type RenderTask =
  | { [K in DocumentKindName]: { kind: K; model: DocumentModels[K] } }[DocumentKindName]
  | { kind: 'batch-notices'; model: BatchNoticesModel; port: import('node:worker_threads').MessagePort };

/** Messages of a streamed document: worker → caller `chunk`/`end`/`error`; caller → worker `ack` (bytes read). */
export type StreamMessage =
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; message: string }
  | { type: 'ack'; bytes: number };
