import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

type CaseBatchStatus = 'PROCESSING' | 'COMPLETED' | 'ABORTED';

/** One uploaded batch file ("法院+银行" 批量立案) and how its rows went. */
@Entity('case_batches')
export class CaseBatch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  /** The bank's own name for the batch, if it sent one. */
  @Column({ type: 'text', nullable: true })
  batchRef!: string | null;

  @Column({ type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ type: 'text' })
  fileFormat!: 'CSV' | 'XLSX';

  @Column({ type: 'text' })
  status!: CaseBatchStatus;

  @Column({ type: 'integer', default: 0 })
  totalRows!: number;

  @Column({ type: 'integer', default: 0 })
  imported!: number;

  @Column({ type: 'integer', default: 0 })
  duplicates!: number;

  @Column({ type: 'integer', default: 0 })
  failed!: number;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  /** The institution of the BANK account that uploaded it (its batches are what it sees); null for the court's. */
  @Column({ type: 'text', nullable: true })
  bankInstitution!: string | null;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
