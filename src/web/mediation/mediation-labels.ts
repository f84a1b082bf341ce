// What people call the mediation codes on the pages (the API keeps the upper-snake codes).
import type { ConfirmationDecision } from '../../mediation/judicial-confirmation.entity.js';
import type { Procedure } from '../../cases/procedure.js';
import {
  SETTLEMENT_METHODS_OF,
  type FailureReason,
  type PerformanceStatus,
  type SettlementMethod,
} from '../../mediation/mediation-outcome.entity.js';
import type { SessionMode } from '../../mediation/mediation-session.entity.js';

export const SESSION_MODE_LABELS: Record<SessionMode, string> = {
  IN_PERSON: '当面调解',
  PHONE: '电话联系',
  VIDEO: '视频调解',
};

export const SETTLEMENT_METHOD_LABELS: Record<SettlementMethod, string> = {
  JUDICIAL_CONFIRMATION: '申请司法确认',
  MEDIATION_DOCUMENT: '立案后出具调解书',
  VOLUNTARY_PERFORMANCE: '自动履行',
  // Pre-litigation: no suit is filed yet, so the applicant withdraws the mediation request.
  WITHDRAWAL: '申请人撤回调解申请',
  IMMEDIATE_PERFORMANCE: '即时履行',
};

/** The settlement methods of a procedure, as its forms offer them (先行调解's WITHDRAWAL is the plaintiff's 撤诉). */
export function settlementMethodOptions(procedure: Procedure): { value: SettlementMethod; label: string }[] {
  return SETTLEMENT_METHODS_OF[procedure].map((value) => ({
    value,
    label: value === 'WITHDRAWAL' && procedure === 'POST_FILING' ? '原告撤诉' : SETTLEMENT_METHOD_LABELS[value],
  }));
}

export const FAILURE_REASON_LABELS: Record<FailureReason, string> = {
  PARTY_UNREACHABLE: '无法联系当事人',
  PARTY_DECLINED: '当事人不愿继续调解',
  NO_AGREEMENT: '双方未能达成一致',
  MEDIATOR_UNAVAILABLE: '调解员无法继续调解',
  OTHER: '其他原因',
};

export const PERFORMANCE_STATUS_LABELS: Record<PerformanceStatus, string> = {
  PERFORMED_IN_FULL: '已全部履行',
  PERFORMED_IN_PART: '部分履行',
  NOT_PERFORMED: '未履行',
};

export const CONFIRMATION_DECISION_LABELS: Record<ConfirmationDecision, string> = {
  CONFIRMED: '裁定确认调解协议有效',
  REJECTED: '裁定驳回申请',
};

/** A select or radio group's options, in the codes' order. */
export function optionsOf<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));
}
