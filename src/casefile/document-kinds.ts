// The documents a court prints from a case file (文书), and when each applies: a pure rule over the case's facts,
// so the API refuses a document that does not fit the case and the page offers only those that do.
import type { CaseOutcome } from '../cases/case.entity.js';

export const DOCUMENT_KINDS = [
  'session-record',
  'undisputed-facts',
  'service-address',
  'mediation-ended',
  'case-summary',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  'session-record': '调解笔录',
  'undisputed-facts': '无争议事实确认书',
  'service-address': '送达地址确认书',
  'mediation-ended': '调解终结告知书',
  'case-summary': '案件信息表',
};

export function isDocumentKind(value: string): value is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(value);
}

/** What decides whether a document applies. */
export interface DocumentFacts {
  outcome: CaseOutcome | null;
  /** The parties' refusal of mediation (当事人不同意调解), also after a transfer to filing. */
  refused: boolean;
  sessions: number;
  undisputedFacts: string | null;
}

/** Why a document does not apply to the case, or null when it does. */
export function whyNot(kind: DocumentKind, f: DocumentFacts): string | null {
  switch (kind) {
    case 'session-record':
      return f.sessions > 0 ? null : '本案尚无调解记录，没有可打印的调解笔录';
    case 'undisputed-facts':
      return f.outcome === 'FAILED' && f.undisputedFacts?.trim()
        ? null
        : '本案未登记调解不成及无争议事实，没有可打印的无争议事实确认书';
    case 'mediation-ended':
      return endedBecause(f) ? null : '本案调解未终结（调解不成、期满未达成或当事人不同意调解），没有可打印的告知书';
    case 'service-address':
    case 'case-summary':
      return null;
  }
}

export type EndReason = 'FAILED' | 'EXPIRED' | 'REFUSED';

/** Why mediation ended without agreement, or null when it did not. */
export function endedBecause(f: Pick<DocumentFacts, 'outcome' | 'refused'>): EndReason | null {
  if (f.outcome === 'FAILED' || f.outcome === 'EXPIRED') return f.outcome;
  return f.refused ? 'REFUSED' : null;
}

export function applicableKinds(f: DocumentFacts): DocumentKind[] {
  return DOCUMENT_KINDS.filter((kind) => whyNot(kind, f) === null);
}

/** The title of a 调解终结 notice by why mediation ended. */
export const END_TITLES: Record<EndReason, string> = {
  FAILED: '调解不成告知书',
  EXPIRED: '调解终结告知书',
  REFUSED: '调解终结告知书',
};

/** A document's title: its kind's, or for the end of mediation the reason's. */
export function documentTitle(content: { kind: DocumentKind; reason?: EndReason }): string {
  return content.kind === 'mediation-ended' && content.reason
    ? END_TITLES[content.reason]
    : DOCUMENT_TITLES[content.kind];
}

export const documentFileName = (content: { kind: DocumentKind; reason?: EndReason }, number: string | null): string =>
  `${documentTitle(content)}${number ?? ''}.pdf`;
