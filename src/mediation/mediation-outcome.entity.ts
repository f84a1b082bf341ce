import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';
import type { Procedure } from '../cases/procedure.js';
import type { CaseDifficulty } from './case-difficulty.js';

export const OUTCOME_RESULTS = ['SETTLED', 'FAILED', 'WITHDRAWN'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

/** How a settled case ends (调解成功后的结案方式). */
export const SETTLEMENT_METHODS = [
  'JUDICIAL_CONFIRMATION', // 司法确认
  'MEDIATION_DOCUMENT', // 出具调解书
  'VOLUNTARY_PERFORMANCE', // 自动履行
  'WITHDRAWAL', // 撤回起诉 (先行调解: 撤诉)
  'IMMEDIATE_PERFORMANCE', // 即时履行 (performed on the spot)
] as const;
export type SettlementMethod = (typeof SETTLEMENT_METHODS)[number];

/**
 * The ways a settlement ends under each procedure. 先行调解 settles a registered suit: withdrawal (撤诉), performance
 * on the spot (即时履行), or a 民事调解书 in the same 民初 case. Non-litigation mediation has no suit to withdraw or
 * document: performance, or 司法确认. The old procedure keeps its four.
 */
export const SETTLEMENT_METHODS_OF: Record<Procedure, readonly SettlementMethod[]> = {
  POST_FILING: ['WITHDRAWAL', 'IMMEDIATE_PERFORMANCE', 'MEDIATION_DOCUMENT'],
  VOLUNTARY: ['JUDICIAL_CONFIRMATION', 'VOLUNTARY_PERFORMANCE', 'IMMEDIATE_PERFORMANCE'],
  LEGACY_PRE_FILING: ['JUDICIAL_CONFIRMATION', 'MEDIATION_DOCUMENT', 'VOLUNTARY_PERFORMANCE', 'WITHDRAWAL'],
};

/** Why mediation failed (调解不成原因). */
export const FAILURE_REASONS = [
  'PARTY_UNREACHABLE',
  'PARTY_DECLINED',
  'NO_AGREEMENT',
  'MEDIATOR_UNAVAILABLE',
  'OTHER',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Whether the settlement was performed (履行情况), the basis of 自动履行率. */
export const PERFORMANCE_STATUSES = ['PERFORMED_IN_FULL', 'PERFORMED_IN_PART', 'NOT_PERFORMED'] as const;
export type PerformanceStatus = (typeof PERFORMANCE_STATUSES)[number];

/**
 * The outcome of a case's mediation, one per case. Settlement, failure and
 * withdrawal fields are filled only for their own result (checked by the table).
 */
@Entity('mediation_outcomes')
export class MediationOutcome extends CaseRecord {
  @Column({ type: 'text' })
  result!: OutcomeResult;

  /** China date on which mediation ended. */
  @Column({ type: 'date' })
  concludedOn!: string;

  /** 案件难易程度 as recorded with the outcome (以案定补); null for outcomes recorded before migration 1300. */
  @Column({ type: 'text', nullable: true })
  difficulty!: CaseDifficulty | null;

  @Column({ type: 'text', nullable: true })
  settlementMethod!: SettlementMethod | null;

  /** 调解协议 text. */
  @Column({ type: 'text', nullable: true })
  agreement!: string | null;

  @Column({ type: 'bigint', nullable: true })
  amountFen!: string | null;

  /** China date of the agreement: judicial confirmation must be applied for within 30 days of it. */
  @Column({ type: 'date', nullable: true })
  agreedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  performanceDueOn!: string | null;

  @Column({ type: 'text', nullable: true })
  performanceStatus!: PerformanceStatus | null;

  @Column({ type: 'date', nullable: true })
  performanceRecordedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  performanceNote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  performanceRecordedBy!: string | null;

  /** 无争议事实 */
  @Column({ type: 'text', nullable: true })
  undisputedFacts!: string | null;

  @Column({ type: 'text', nullable: true })
  failureReason!: FailureReason | null;

  @Column({ type: 'text', nullable: true })
  failureReasonText!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
