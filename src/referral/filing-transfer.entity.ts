import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseStatus } from '../cases/case-status.js';
import type { MediationRecordSummary } from './mediation-record.js';

/** A transfer to formal filing (转立案), with the mediation file as it stood then. */
@Entity('filing_transfers')
export class FilingTransfer {
  @PrimaryColumn({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** 民初 number */
  @Column({ type: 'text' })
  filingNumber!: string;

  @Column({ type: 'text' })
  statusBefore!: CaseStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb' })
  summary!: MediationRecordSummary;

  @Column({ type: 'uuid' })
  transferredBy!: string;

  @Column({ type: 'timestamptz' })
  transferredAt!: Date;
}
