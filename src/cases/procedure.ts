// The procedure a case runs under, fixed at registration (the SPC 意见 in force 2025-01-01), and the one
// statement of each procedure's mediation period: where it starts and how many days it has.

export const PROCEDURES = ['POST_FILING', 'VOLUNTARY', 'LEGACY_PRE_FILING'] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const PROCEDURE_LABELS: Record<Procedure, string> = {
  POST_FILING: '先行调解（立案后委托调解）',
  VOLUNTARY: '诉前引导·非诉讼调解',
  LEGACY_PRE_FILING: '诉前调解（2025年前）',
};

/** 简易程序 (including 小额诉讼) or 普通程序: decides the 先行调解 period and halves the fee. */
export const TRIAL_PROCEDURES = ['SIMPLE', 'ORDINARY'] as const;
export type TrialProcedure = (typeof TRIAL_PROCEDURES)[number];

export const TRIAL_PROCEDURE_LABELS: Record<TrialProcedure, string> = {
  SIMPLE: '简易程序',
  ORDINARY: '普通程序',
};

/** Where the platform gets a court's 民初 and 民特 numbers: its own counter, or the court's case system. */
export const FILING_NUMBER_SOURCES = ['OWN', 'EXTERNAL'] as const;
export type FilingNumberSource = (typeof FILING_NUMBER_SOURCES)[number];

export const FILING_NUMBER_SOURCE_LABELS: Record<FilingNumberSource, string> = {
  OWN: '由本平台编号',
  EXTERNAL: '由审判流程管理系统编号，立案员录入',
};

/** The switch date a court gets unless it sets another (the 意见's day in force). */
export const DEFAULT_LEGACY_UNTIL = '2025-01-01';

/** The old 诉前调解: 30 days from the last consent (受理). */
const LEGACY_PERIOD_DAYS = 30;
/** 先行调解: from the mediator's sign-for (签收), 15 days under 普通程序, 7 under 简易程序. */
export const POST_FILING_PERIOD_DAYS: Record<TrialProcedure, number> = { ORDINARY: 15, SIMPLE: 7 };
/** Non-litigation mediation chosen freely: 30 days from the mediator's acceptance (签收). */
export const VOLUNTARY_PERIOD_DAYS = 30;
/** 先行调解 may be extended once, by at most 30 days, with both parties' consent. */
export const POST_FILING_EXTENSION_MAX_DAYS = 30;

/** What the period reads of a case (the Case entity's columns). */
export interface PeriodSubject {
  procedure: Procedure;
  trialProcedure: TrialProcedure | null;
  consentedOn: string | null;
  materialsReceivedOn: string | null;
}

/** The day the mediation period counts from: consent for the old flow, the sign-for for the others. */
function periodStartOf(c: PeriodSubject): string | null {
  return c.procedure === 'LEGACY_PRE_FILING' ? c.consentedOn : c.materialsReceivedOn;
}

/** The day the period started, as the earliest date of what mediation records (a session, an outcome). */
export function periodStartBound(c: PeriodSubject): { date: string | null; label: string } {
  const label = c.procedure === 'LEGACY_PRE_FILING' ? '当事人同意调解之日' : '调解员签收材料之日';
  return { date: periodStartOf(c), label };
}

/** The period's own days, before extensions. */
export function basePeriodDays(c: Pick<PeriodSubject, 'procedure' | 'trialProcedure'>): number {
  switch (c.procedure) {
    case 'LEGACY_PRE_FILING':
      return LEGACY_PERIOD_DAYS;
    case 'VOLUNTARY':
      return VOLUNTARY_PERIOD_DAYS;
    case 'POST_FILING':
      return POST_FILING_PERIOD_DAYS[c.trialProcedure ?? 'ORDINARY'];
  }
}

/**
 * The whole period of a case as it stands: its start and (base + every extension's) days, to which the
 * period rule applies once (an extension lengthens the period itself). Null while it has not started.
 */
export function mediationPeriodOf(
  c: PeriodSubject & { extensionDaysTotal: number },
  extraDays = 0,
): { start: string; days: number } | null {
  const start = periodStartOf(c);
  if (!start) return null;
  return { start, days: basePeriodDays(c) + c.extensionDaysTotal + extraDays };
}

/**
 * The extension days a case may still get: 先行调解 once, at most 30 days (the SPC 意见); the others up to the
 * deployment's cap in all (config/mediation.json).
 */
export function extensionDaysLeft(
  c: Pick<PeriodSubject, 'procedure'> & { extensionDaysTotal: number },
  capDays: number,
) {
  if (c.procedure === 'POST_FILING') return c.extensionDaysTotal > 0 ? 0 : POST_FILING_EXTENSION_MAX_DAYS;
  return Math.max(capDays - c.extensionDaysTotal, 0);
}

/** Whether a court registering on `today` may still use the old procedure (before its switch date). */
export function legacyStillOpen(legacyUntil: string, today: string): boolean {
  return today < legacyUntil;
}

/** The procedure a registration gets when it names none: the old one before the court's switch, else 先行调解. */
export function defaultProcedure(legacyUntil: string, today: string, source: 'WINDOW' | 'BATCH'): Procedure {
  if (legacyStillOpen(legacyUntil, today)) return 'LEGACY_PRE_FILING';
  return source === 'BATCH' ? 'VOLUNTARY' : 'POST_FILING';
}
