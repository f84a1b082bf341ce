// How mediation records are shown: money in yuan, dates as China dates.
import { formatYuan } from '../common/money.js';
import { caseJudicialConfirmationView } from '../cases/case-view.js';
import { CASE_DIFFICULTY_LABELS } from './case-difficulty.js';
import type { Extension } from './extension.entity.js';
import type { JudicialConfirmation } from './judicial-confirmation.entity.js';
import type { MediationOutcome } from './mediation-outcome.entity.js';
import type { MediationSession } from './mediation-session.entity.js';

export function sessionView(s: MediationSession) {
  return {
    id: s.id,
    caseId: s.caseId,
    heldOn: s.heldOn,
    mode: s.mode,
    participants: s.participants,
    notes: s.notes,
    recordedBy: s.recordedBy,
    recordedAt: s.recordedAt,
  };
}

export function extensionView(e: Extension) {
  return {
    id: e.id,
    caseId: e.caseId,
    days: e.days,
    reason: e.reason,
    plaintiffConsent: e.plaintiffConsent,
    defendantConsent: e.defendantConsent,
    consentedOn: e.consentedOn,
    previousDeadline: e.previousDeadline,
    newDeadline: e.newDeadline,
    grantedBy: e.grantedBy,
    grantedAt: e.grantedAt,
  };
}

/** The application and, once made, the ruling; `enforceable` as the case view says it. */
export function judicialConfirmationView(j: JudicialConfirmation) {
  return {
    id: j.id,
    ...caseJudicialConfirmationView(j),
    appliedBy: j.appliedBy,
    appliedAt: j.appliedAt,
    rulingNumber: j.rulingNumber,
    note: j.note,
    recordedBy: j.recordedBy,
    recordedAt: j.recordedAt,
  };
}

/** The outcome with only its own result's fields. */
export function outcomeView(o: MediationOutcome, confirmation: JudicialConfirmation | null = null) {
  const common = {
    id: o.id,
    caseId: o.caseId,
    result: o.result,
    concludedOn: o.concludedOn,
    difficulty: o.difficulty,
    difficultyLabel: o.difficulty ? CASE_DIFFICULTY_LABELS[o.difficulty] : null,
    recordedBy: o.recordedBy,
    recordedAt: o.recordedAt,
  };
  switch (o.result) {
    case 'SETTLED':
      return {
        ...common,
        settlement: {
          method: o.settlementMethod,
          agreement: o.agreement,
          amount: formatYuan(o.amountFen ?? 0),
          agreedOn: o.agreedOn,
          performanceDueOn: o.performanceDueOn,
        },
        performance: o.performanceStatus
          ? { status: o.performanceStatus, recordedOn: o.performanceRecordedOn, note: o.performanceNote }
          : null,
        judicialConfirmation: confirmation ? judicialConfirmationView(confirmation) : null,
      };
    case 'FAILED':
      return {
        ...common,
        undisputedFacts: o.undisputedFacts,
        failureReason: o.failureReason,
        failureReasonText: o.failureReasonText,
      };
    case 'WITHDRAWN':
      return { ...common, withdrawalReason: o.withdrawalReason };
  }
}
