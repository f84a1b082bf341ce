import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

/** One extension of the mediation period (延长调解期限), granted with both sides' consent. */
@Entity('extensions')
export class Extension extends CaseRecord {
  /** Length of the extension in calendar days (a legal period counted from the old deadline). */
  @Column({ type: 'integer' })
  days!: number;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'boolean' })
  plaintiffConsent!: boolean;

  @Column({ type: 'boolean' })
  defendantConsent!: boolean;

  /** China date on which the parties agreed to the extension. */
  @Column({ type: 'date' })
  consentedOn!: string;

  @Column({ type: 'date' })
  previousDeadline!: string;

  @Column({ type: 'date' })
  newDeadline!: string;

  @Column({ type: 'uuid' })
  grantedBy!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;
}
