// The electronic file of a case (电子卷宗) as the court's case system receives it: `manifest.json` first, then
// the files it lists. A pure function of what was read, so that its shape is one place.
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/case-status.js';
import type { Case } from '../cases/case.entity.js';
import { PARTY_ROLE_LABELS, type Party } from '../cases/party.entity.js';
import { PROCEDURE_LABELS, TRIAL_PROCEDURE_LABELS } from '../cases/procedure.js';
import { formatYuan } from '../common/money.js';
import { downloadName } from '../consultation/attachment-type.js';
import type { MediationOutcome } from '../mediation/mediation-outcome.entity.js';
import { ATTACHMENT_CATEGORY_LABELS } from './attachment-category.js';
import type { DocumentTask } from '../common/document-renderer.js';
import type { CaseAttachment } from './case-attachment.entity.js';

export const MANIFEST_NAME = 'manifest.json';
const MANIFEST_FORMAT = 'mediation-platform/case-file';
const MANIFEST_VERSION = 1;

/** One event of the case's history, as read for the manifest. */
export interface HistoryRow {
  occurredAt: Date;
  action: string;
  actorName: string | null;
  before: { status?: CaseStatus } | null;
  after: { status?: CaseStatus } | null;
}

export interface PackageFile {
  /** Its path inside the ZIP. */
  path: string;
  kind: 'DOCUMENT' | 'ATTACHMENT';
  title: string;
  sha256: string;
  size: number;
}

/** A document in the package: a 文书 of the case file, or one issued by its own module (告知书, 调解协议书, 交费通知). */
export interface PackageDocument {
  title: string;
  fileName: string;
  pdf: Buffer;
}

/** An attachment as the package carries it (read with the step that hands the file over). */
export type PackageAttachment = Pick<
  CaseAttachment,
  'fileName' | 'contentType' | 'category' | 'sha256' | 'sizeBytes' | 'contentKey'
> & { addedAt: Date | string };

/** The step a stored package was handed over with; null for a package built on download (a preview). */
export interface PackageHandover {
  id: string;
  event: string;
}

/**
 * What a package is made of, read in one transaction: the manifest but for its files, the documents still to
 * render and the attachments. Plain data (kept as JSON until a stored package is built).
 */
export interface PackageSnapshot {
  manifest: Omit<Manifest, 'files'>;
  documents: { title: string; fileName: string; task: DocumentTask }[];
  attachments: PackageAttachment[];
}

export interface PackageInput {
  court: { code: string; name: string };
  c: Case;
  parties: Party[];
  outcome: MediationOutcome | null;
  history: HistoryRow[];
  generatedAt: Date;
  handover: PackageHandover | null;
}

/** The entries of the ZIP besides the manifest: the documents, then the attachments still in the file. */
export function packageFiles(input: {
  documents: PackageDocument[];
  documentHashes: string[];
  attachments: Omit<PackageAttachment, 'contentKey' | 'addedAt'>[];
}) {
  const files: PackageFile[] = input.documents.map((d, i) => ({
    path: `documents/${pad(i + 1)}-${safeName(d.fileName)}`,
    kind: 'DOCUMENT',
    title: d.title,
    sha256: input.documentHashes[i],
    size: d.pdf.length,
  }));
  input.attachments.forEach((a, i) => {
    files.push({
      path: `attachments/${pad(i + 1)}-${safeName(downloadName(a.fileName, a.contentType))}`,
      kind: 'ATTACHMENT',
      title: ATTACHMENT_CATEGORY_LABELS[a.category],
      sha256: a.sha256,
      size: a.sizeBytes,
    });
  });
  return files;
}

export function buildManifest(input: PackageInput, files: PackageFile[]) {
  const { c } = input;
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    generatedAt: input.generatedAt.toISOString(),
    // TRANSFER: stored with the step that sent the case to trial (`event`), served byte for byte ever after;
    // PREVIEW: built on download from the case as it is now (a case not yet transferred).
    package: input.handover
      ? { kind: 'TRANSFER' as const, id: input.handover.id, event: input.handover.event }
      : { kind: 'PREVIEW' as const, id: null, event: null },
    court: input.court,
    case: {
      id: c.id,
      status: c.status,
      statusLabel: CASE_STATUS_LABELS[c.status],
      procedure: c.procedure,
      procedureLabel: PROCEDURE_LABELS[c.procedure],
      trialProcedure: c.trialProcedure,
      trialProcedureLabel: c.trialProcedure ? TRIAL_PROCEDURE_LABELS[c.trialProcedure] : null,
      caseType: c.caseType,
      claims: c.claims,
      claimAmount: formatYuan(c.claimAmountFen),
      source: c.source,
      externalRef: c.externalRef,
      registeredAt: c.registeredAt.toISOString(),
      consentedOn: c.consentedOn,
      mediationDeadline: c.mediationDeadline,
      concludedAt: c.concludedAt?.toISOString() ?? null,
      transferredAt: c.transferredAt?.toISOString() ?? null,
    },
    numbers: { prelitigation: c.prelitigationNumber, filing: c.filingNumber },
    parties: input.parties.map((p) => ({
      role: p.role,
      roleLabel: PARTY_ROLE_LABELS[p.role],
      kind: p.kind,
      name: p.name,
      idNumber: p.idNumber,
      creditCode: p.creditCode,
      legalRepresentative: p.legalRepresentative,
      phone: p.phone,
      address: p.address,
      serviceAddress: p.serviceAddress,
    })),
    // Each event that moved the case from one status to another, in time order.
    steps: input.history
      .filter((e) => e.after?.status && e.after.status !== e.before?.status)
      .map((e) => ({
        action: e.action,
        at: e.occurredAt.toISOString(),
        by: e.actorName,
        from: e.before?.status ?? null,
        to: e.after!.status!,
      })),
    mediation: input.outcome
      ? {
          result: input.outcome.result,
          concludedOn: input.outcome.concludedOn,
          settlementMethod: input.outcome.settlementMethod,
          agreement: input.outcome.agreement,
          amount: input.outcome.amountFen === null ? null : formatYuan(input.outcome.amountFen),
          agreedOn: input.outcome.agreedOn,
          undisputedFacts: input.outcome.undisputedFacts,
          failureReason: input.outcome.failureReason,
          failureReasonText: input.outcome.failureReasonText,
        }
      : { result: c.outcome, concludedOn: null, undisputedFacts: null },
    files,
  };
}

export type Manifest = ReturnType<typeof buildManifest>;

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

/** A ZIP entry name with no directory part and nothing a reader would take for one. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  return cleaned || 'file';
}
