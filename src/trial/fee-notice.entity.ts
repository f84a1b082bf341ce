import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStatus } from '../cases/case-status.js';
import type { TrialProcedure } from '../cases/procedure.js';
import type { FeeKind } from './acceptance-fee.js';
import type { FeeRelief } from './fee-rules.js';

/** A fee line as stored (amounts as yuan text, as the notice printed them). */
export interface StoredFeeLine {
  label: string;
  base: string | null;
  rate: string | null;
  amount: string;
}

/**
 * The fee notice (交费通知) of a 先行调解 case sent to trial: the case acceptance fee as computed on the day, the
 * last day to pay, and how it ended (paid, relief granted, or the suit ruled withdrawn). One per case.
 */
@Entity('fee_notices')
export class FeeNotice {
  @PrimaryColumn({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** The claim the fee was computed on (the case's, on the day of the notice). */
  @Column({ type: 'bigint' })
  claimAmountFen!: string;

  @Column({ type: 'text' })
  trialProcedure!: TrialProcedure;

  @Column({ type: 'text' })
  feeKind!: FeeKind;

  /** The fee by art. 13, before halving. */
  @Column({ type: 'bigint' })
  fullAmountFen!: string;

  /** What the plaintiff is told to pay (halved under 简易程序). */
  @Column({ type: 'bigint' })
  amountFen!: string;

  @Column({ type: 'jsonb' })
  lines!: StoredFeeLine[];

  @Column({ type: 'text' })
  basis!: string;

  @Column({ type: 'text' })
  statusBefore!: CaseStatus;

  @Column({ type: 'date' })
  issuedOn!: string;

  @Column({ type: 'uuid' })
  issuedBy!: string;

  @Column({ type: 'timestamptz' })
  issuedAt!: Date;

  /** The last day to pay (China date). */
  @Column({ type: 'date' })
  dueOn!: string;

  /** 暂定: the last day reaches a year whose holidays are not yet entered (weekends only). */
  @Column({ type: 'boolean', default: false })
  dueOnProvisional!: boolean;

  @Column({ type: 'date', nullable: true })
  paidOn!: string | null;

  @Column({ type: 'bigint', nullable: true })
  paidAmountFen!: string | null;

  @Column({ type: 'text', nullable: true })
  relief!: FeeRelief | null;

  @Column({ type: 'date', nullable: true })
  reliefDecidedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  reliefReason!: string | null;

  /** The day the suit was ruled withdrawn (按撤诉处理). */
  @Column({ type: 'date', nullable: true })
  deemedWithdrawnOn!: string | null;

  /** Who recorded the payment, the relief or the ruling, and when. */
  @Column({ type: 'uuid', nullable: true })
  settledBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  /** When the overdue scan told the clerks (once per case). */
  @Column({ type: 'timestamptz', nullable: true })
  overdueNotifiedAt!: Date | null;
}
