// Issue 28 (低, 等保 level 3 audit of personal data): every download the platform prints from a case's parties
// (a PDF, a workbook, the electronic file) is a personal-data read and must be in the history. This reads the
// controllers, finds every route that answers a file, and holds each to this table: either the service file
// that records the download (the one helper recordDocumentPrinted, or a personal-data view or export), or why the
// file carries no party's personal data. A new document route fails here until it is placed in the table; the
// e2e tests (security-personal-data-reads, security-notice-codes, agreement-signing, voluntary-route,
// casefile) prove the recording itself.
import { readFileSync } from 'node:fs';
import { sourceFiles } from './support/source-tree.js';

type Entry = { recordedIn: string } | { noPartyData: string };

const NOTICES = { recordedIn: 'src/referral/referral-notice.service.ts' };
const FEE_NOTICE = { recordedIn: 'src/trial/trial-fee.service.ts' };
const SERVICE_RECEIPT = { recordedIn: 'src/party/party-invitations.service.ts' };
const CASE_DOCUMENTS = { recordedIn: 'src/casefile/case-documents.service.ts' };
const FILE_PACKAGE = { recordedIn: 'src/casefile/file-package.service.ts' };
const AGREEMENT = { recordedIn: 'src/mediation/mediation-agreement.service.ts' };
const SIGNING = { recordedIn: 'src/agreement-signing/agreement-signing.service.ts' };
const RULING = { recordedIn: 'src/mediation/judicial-confirmation.service.ts' };
const LETTER = { recordedIn: 'src/consultation/consultation-read.service.ts' };
const BATCH_NOTICES = { recordedIn: 'src/bulk/batch-notices-pdf.ts' };
const SUBSIDIES = { recordedIn: 'src/statistics/subsidies.service.ts' };
const FIGURES = { noPartyData: 'figures by court, month, mediator or organization: no party named' };
const TEMPLATE = { noPartyData: 'an empty template' };
const PARTY_OWN = { noPartyData: "a party's own copy, to that party's own session (no staff read)" };
const UPLOAD = { noPartyData: 'a file as uploaded (its upload and withdrawal are in the history), not printed by us' };
const BANK_ANSWER_SHEET = {
  noPartyData: "the bank's own borrowers by name with its references, for its answers: no number or contact",
};
const UPLOAD_PROBLEMS = { noPartyData: "the uploader's own refused rows: row numbers, references and what to fix" };

const DOCUMENT_ROUTES: Record<string, Entry> = {
  'src/agreement-signing/agreement-signing.controller.ts GET pdf signing.pdf': SIGNING,
  'src/agreement-signing/agreement-signing.controller.ts GET pdf signing.partyPdf': PARTY_OWN,
  'src/bulk/batch-steps.controller.ts GET :id/answer-sheet': BANK_ANSWER_SHEET,
  'src/bulk/batch-steps.controller.ts GET :id/notices/pdf': BATCH_NOTICES,
  'src/bulk/batch-steps.controller.ts GET :id/result': {
    noPartyData: "the bank's references, statuses, amounts and case numbers",
  },
  'src/casefile/casefile.controller.ts GET :id/attachments/:attachmentId': UPLOAD,
  'src/casefile/casefile.controller.ts GET :id/documents/:kind/pdf': CASE_DOCUMENTS,
  'src/casefile/file-package.controller.ts GET :id/file-package': FILE_PACKAGE,
  'src/consultation/consultation.controller.ts GET :id/pdf': LETTER,
  'src/consultation/consultation.controller.ts GET :id/attachments/:attachmentId': UPLOAD,
  'src/exchange/registration-import.controller.ts GET template': TEMPLATE,
  'src/intake/case-batch.controller.ts GET template': TEMPLATE,
  'src/intake/case-batch.controller.ts GET :id/report': UPLOAD_PROBLEMS,
  'src/mediation/case-mediation.controller.ts GET :id/mediation-agreement/pdf': AGREEMENT,
  'src/mediation/case-mediation.controller.ts GET :id/judicial-confirmation/pdf': RULING,
  'src/party/party-invitations.controller.ts GET service-records/:recordId/pdf': SERVICE_RECEIPT,
  'src/party/party.controller.ts GET documents/:id/pdf': PARTY_OWN,
  'src/referral/referral-notice.controller.ts GET notices/:id/pdf': NOTICES,
  'src/referral/referral-notice.controller.ts GET notices/:id/service-copies/pdf': NOTICES,
  'src/scheduling/scheduled-sessions.controller.ts GET :secret.ics': {
    noPartyData: "the mediator's own sessions: times, places and case numbers",
  },
  'src/statistics/statistics-follow-up.controller.ts GET weekly/export': FIGURES,
  'src/statistics/statistics.controller.ts GET monthly/export': FIGURES,
  'src/statistics/subsidies.controller.ts GET subsidies': SUBSIDIES,
  'src/statistics/upward-reporting.controller.ts GET periods/export': FIGURES,
  'src/statistics/upward-reporting.controller.ts GET rollup/export': FIGURES,
  'src/trial/trial.controller.ts GET cases/:id/fee-notice/pdf': FEE_NOTICE,
  'src/web/casefile/casefile-pages.controller.ts GET :id/file-package': FILE_PACKAGE,
  'src/web/casefile/casefile-pages.controller.ts GET :id/documents/:kind/pdf': CASE_DOCUMENTS,
  'src/web/casefile/casefile-pages.controller.ts GET :id/attachments/:attachmentId': UPLOAD,
  'src/web/cases/case-document-pages.controller.ts GET :id/mediation-agreement.pdf': AGREEMENT,
  'src/web/cases/case-document-pages.controller.ts GET :id/judicial-ruling.pdf': RULING,
  'src/web/clerk/clerk-pages.controller.ts GET notices/:id/pdf': NOTICES,
  'src/web/clerk/clerk-pages.controller.ts GET notices/:id/service-copies/pdf': NOTICES,
  'src/web/clerk/clerk-pages.controller.ts GET cases/batches/template': TEMPLATE,
  'src/web/clerk/clerk-pages.controller.ts GET cases/batches/:id/notices/pdf': BATCH_NOTICES,
  'src/web/clerk/clerk-pages.controller.ts GET cases/batches/:id/answer-sheet': BANK_ANSWER_SHEET,
  'src/web/clerk/clerk-pages.controller.ts GET cases/batches/:id/report': UPLOAD_PROBLEMS,
  'src/web/clerk/clerk-pages.controller.ts GET cases/batches/:id/result': {
    noPartyData: "the bank's references, statuses, amounts and case numbers",
  },
  'src/web/consultation/consultation-pages.controller.ts GET consultations/:id/pdf': LETTER,
  'src/web/consultation/consultation-pages.controller.ts GET consultations/:id/attachments/:attachmentId': UPLOAD,
  'src/web/exchange/import-pages.controller.ts GET template': TEMPLATE,
  'src/web/party/case-party-sections.controller.ts GET agreement-signing/pdf': SIGNING,
  'src/web/party/party-online-section.controller.ts GET service-records/:recordId/pdf': SERVICE_RECEIPT,
  'src/web/party/party-pages.controller.ts GET party/agreement/pdf': PARTY_OWN,
  'src/web/party/party-pages.controller.ts GET party/documents/:id/pdf': PARTY_OWN,
  'src/web/statistics/statistics-pages.controller.ts GET export': FIGURES,
  'src/web/statistics/statistics-pages.controller.ts GET subsidies/export': SUBSIDIES,
  'src/web/statistics/statistics-pages.controller.ts GET weekly/export': FIGURES,
  'src/web/statistics/upward-statistics-pages.controller.ts GET quarter/export': FIGURES,
  'src/web/statistics/upward-statistics-pages.controller.ts GET rollup/export': FIGURES,
  'src/web/trial/trial-pages.controller.ts GET cases/:id/fee-notice/pdf': FEE_NOTICE,
};

/** What a download's recording looks like in a service: the one helper, or a personal-data view or export. */
const RECORDS =
  /recordDocumentPrinted\(|'PERSONAL_DATA_VIEWED'|'PERSONAL_DATA_EXPORTED'|'NOTICE_SERVICE_COPY_PRINTED'|'CASE_FILE_PACKAGE_DOWNLOADED'/;

/** Paths that name a file, whatever the route's documentation says. */
const FILE_PATH =
  /pdf|export|xlsx|csv|file-package|answer-sheet|result|report|template|attachments\/:attachmentId|\.ics/;

/**
 * Every GET route of the controllers that answers a file: documented with `file:` or named like one. Two routes
 * of one controller with the same path (the staff's and the party's agreement) are told apart by the service
 * method they call.
 */
function documentRoutes(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles('src').filter((f) => f.endsWith('.controller.ts'))) {
    const text = readFileSync(file, 'utf8');
    const samePath = new Map<string, number>();
    for (const match of text.matchAll(/@Get\('([^']*)'\)/g)) {
      const path = match[1];
      samePath.set(path, (samePath.get(path) ?? 0) + 1);
    }
    for (const match of text.matchAll(/@Get\('([^']*)'\)/g)) {
      const path = match[1];
      const before = text.slice(Math.max(0, match.index - 600), match.index);
      const decorators = before.slice(before.lastIndexOf('\n  }\n') + 1);
      const json = /\bok: /.test(decorators);
      if (!/\bfile: \[/.test(decorators) && (json || !FILE_PATH.test(path))) continue;
      let key = `${file} GET ${path}`;
      if (samePath.get(path)! > 1) {
        const body = text.slice(match.index, text.indexOf('\n  }\n', match.index));
        key += ` ${/this\.(\w+\.\w+)\(/.exec(body)?.[1] ?? '?'}`;
      }
      found.push(key);
    }
  }
  return found.sort();
}

describe('downloads of personal data are recorded', () => {
  const routes = documentRoutes();

  it('finds the document routes (the scan means something)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes).toContain('src/trial/trial.controller.ts GET cases/:id/fee-notice/pdf');
  });

  it('places every route that answers a file in the table, and the table names no route that is gone', () => {
    expect(routes.filter((r) => !(r in DOCUMENT_ROUTES))).toEqual([]);
    expect(Object.keys(DOCUMENT_ROUTES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.entries(DOCUMENT_ROUTES))('%s: recorded, or carries no party data', (_route, entry) => {
    if ('recordedIn' in entry) expect(readFileSync(entry.recordedIn, 'utf8')).toMatch(RECORDS);
    else expect(entry.noPartyData.length).toBeGreaterThan(10);
  });
});
