import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Role } from '../common/role.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'uuid', nullable: true })
  divisionId!: string | null;

  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text', select: false })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** A BANK account's institution (the bank's name as its batches carry it); null for the court's staff. */
  @Column({ type: 'text', nullable: true })
  bankInstitution!: string | null;

  /** Tokens issued before this instant are refused (password reset, forced logout). */
  @Column({ type: 'timestamptz', select: false })
  tokensValidAfter!: Date;

  /** Login failures before this instant do not count toward the lockout. */
  @Column({ type: 'timestamptz', select: false })
  failuresResetAt!: Date;

  /** Hashes of the last PASSWORD_HISTORY earlier passwords, newest first (a new password may not repeat them). */
  @Column({ type: 'text', array: true, select: false, default: () => "'{}'" })
  passwordHistory!: string[];

  /** Set by an administrator's password reset: the user must choose a new password before anything else. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
