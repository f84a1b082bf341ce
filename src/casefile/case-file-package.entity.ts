import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';
import type { PackageSnapshot } from './file-package-manifest.js';

/** PENDING: to be built (again); STORED: built; FAILED: given up after FILE_PACKAGE_MAX_ATTEMPTS, until a rebuild. */
export type FilePackageStatus = 'PENDING' | 'STORED' | 'FAILED';

const bigint = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * The electronic file handed over with a step that sends the case to trial (one per step: `event`): what it is
 * made of, read in that step's transaction, until a job builds the ZIP into the attachment store; then the
 * stored content's key, SHA-256 and size, served byte for byte ever after.
 */
@Entity('case_file_packages')
export class CaseFilePackage extends CaseRecord {
  /** The history action of the step it belongs to (CASE_TRANSFERRED, CASE_FILED, FEE_NOTICE_ISSUED). */
  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'text' })
  fileName!: string;

  /** The step's moment: the manifest's `generatedAt`. */
  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  /** What the package is made of, as read with the step; cleared once it is stored. */
  @Column({ type: 'jsonb', nullable: true })
  snapshot!: PackageSnapshot | null;

  @Column({ type: 'text' })
  status!: FilePackageStatus;

  @Column({ type: 'text', nullable: true })
  contentKey!: string | null;

  @Column({ type: 'text', nullable: true })
  sha256!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigint })
  sizeBytes!: number | null;

  /** Entries of the ZIP besides the manifest. */
  @Column({ type: 'integer', nullable: true })
  files!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  builtAt!: Date | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  /** When the builder gave up (status FAILED). */
  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  /** The last failure in words for people (Chinese); `lastError` keeps the technical message. */
  @Column({ type: 'text', nullable: true })
  failureReason!: string | null;

  /** Rebuilds asked for by a clerk after the package failed. */
  @Column({ type: 'integer', default: 0 })
  rebuilds!: number;
}
