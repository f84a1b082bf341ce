// The 调解协议 signed online (migration 1700000003800): the agreement put up for signature with the exact bytes
// the parties read and their SHA-256, and one signature per party and the mediator. Nothing is deleted.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

export const SIGNING_STATUSES = ['OPEN', 'EFFECTIVE', 'REFUSED', 'REPLACED'] as const;
type SigningStatus = (typeof SIGNING_STATUSES)[number];
export const SIGNING_STATUS_LABELS: Record<SigningStatus, string> = {
  OPEN: '待签署',
  EFFECTIVE: '已生效',
  REFUSED: '当事人拒绝签署',
  REPLACED: '已被新文本替换',
};

/** The settlement as the mediator put it up: what the outcome records when the agreement takes effect. */
export interface SigningSettlement {
  method: string;
  agreement: string;
  amount: string;
  performanceDueOn?: string;
  difficulty?: string;
}

interface SigningRefusal {
  partyId: string;
  partyName: string;
  reason: string;
  refusedAt: string;
  identityEvidence: Record<string, unknown>;
}

@Entity('agreement_signings')
export class AgreementSigning extends CaseRecord {
  @Column({ type: 'jsonb' })
  settlement!: SigningSettlement;

  /** The agreement as the parties read and sign it. */
  @Column({ type: 'bytea', select: false })
  pdf!: Buffer;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'text' })
  status!: SigningStatus;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  /** Once effective: the agreement, its signature page, and the court's electronic signature over the file. */
  @Column({ type: 'bytea', nullable: true, select: false })
  signedPdf!: Buffer | null;

  @Column({ type: 'text', nullable: true })
  signedSha256!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  refusal!: SigningRefusal | null;
}

@Entity('agreement_signatures')
export class AgreementSignature {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  signingId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid', nullable: true })
  partyId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'text' })
  signerName!: string;

  /** The party's role (PLAINTIFF, DEFENDANT, ...) or MEDIATOR. */
  @Column({ type: 'text' })
  signerRole!: string;

  /** The SHA-256 of the agreement the signer saw and signed. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'timestamptz' })
  signedAt!: Date;

  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;
}
