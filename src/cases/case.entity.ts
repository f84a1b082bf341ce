import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { CaseStatus } from './case-status.js';
import type { Procedure, TrialProcedure } from './procedure.js';

type CaseSource = 'WINDOW' | 'BATCH';
export type CaseOutcome = 'SETTLED' | 'FAILED' | 'WITHDRAWN' | 'EXPIRED';

/**
 * A dispute from registration to its end (案件). The columns every stage reads
 * live here; each stage keeps its own details in its own tables.
 */
@Entity('cases')
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** The registering clerk's division (for the division breakdown). */
  @Column({ type: 'uuid', nullable: true })
  divisionId!: string | null;

  /** 先行调解, 非诉调解 or the old 诉前调解: fixed at registration (see procedure.ts). */
  @Column({ type: 'text' })
  procedure!: Procedure;

  /** 简易程序 or 普通程序 (先行调解 and filed cases); null for a case not (yet) filed. */
  @Column({ type: 'text', nullable: true })
  trialProcedure!: TrialProcedure | null;

  /** 案由 */
  @Column({ type: 'text' })
  caseType!: string;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ type: 'bigint' })
  claimAmountFen!: string;

  @Column({ type: 'text' })
  claims!: string;

  @Column({ type: 'text' })
  source!: CaseSource;

  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  /** The filer's own reference, e.g. a bank's loan contract number (unique per court). */
  @Column({ type: 'text', nullable: true })
  externalRef!: string | null;

  /** A bank's loan dispute (batch intake): the loan contract's number (借款合同编号). */
  @Column({ type: 'text', nullable: true })
  loanContractNo!: string | null;

  /** The loan's principal outstanding (借款本金), in fen. */
  @Column({ type: 'bigint', nullable: true })
  loanPrincipalFen!: string | null;

  /** The interest owed (利息), in fen. */
  @Column({ type: 'bigint', nullable: true })
  loanInterestFen!: string | null;

  /** The China date the loan has been overdue since (逾期日期). */
  @Column({ type: 'date', nullable: true })
  loanOverdueSince!: string | null;

  @Column({ type: 'uuid' })
  registeredBy!: string;

  @Column({ type: 'timestamptz' })
  registeredAt!: Date;

  /** 送达地址 verified for every defendant. */
  @Column({ type: 'boolean', default: false })
  addressVerified!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  noticeIssuedAt!: Date | null;

  /** 民诉前调 number, given when the case enters mediation. */
  @Column({ type: 'text', nullable: true })
  prelitigationNumber!: string | null;

  /** China date of the last consent (受理): the mediation period counts from it. */
  @Column({ type: 'date', nullable: true })
  consentedOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  referredAt!: Date | null;

  /** China date the mediator signed for the materials (签收): the 先行调解 / 非诉调解 period counts from it. */
  @Column({ type: 'date', nullable: true })
  materialsReceivedOn!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  refusedAt!: Date | null;

  /** Last day of the mediation period (China date), after extensions. */
  @Column({ type: 'date', nullable: true })
  mediationDeadline!: string | null;

  /** The deadline reaches into a year whose holiday schedule is not yet known (暂定, weekends only). */
  @Column({ type: 'boolean', default: false })
  mediationDeadlineProvisional!: boolean;

  @Column({ type: 'integer', default: 0 })
  extensionDaysTotal!: number;

  /** Current mediator (roster entry) and the user behind it, for "my cases". */
  @Column({ type: 'uuid', nullable: true })
  mediatorId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  mediatorUserId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  organizationId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome!: CaseOutcome | null;

  @Column({ type: 'timestamptz', nullable: true })
  concludedAt!: Date | null;

  /** 民初 number: from registration for 先行调解, on filing or transfer for the others. */
  @Column({ type: 'text', nullable: true })
  filingNumber!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  transferredAt!: Date | null;

  /** 撤销登记: when and why a case registered by mistake was cancelled (status CANCELLED; its number stays). */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
