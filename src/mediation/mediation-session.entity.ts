import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

export const SESSION_MODES = ['IN_PERSON', 'PHONE', 'VIDEO'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

/**
 * One mediation session or contact with the parties (调解记录). A phone call
 * with a party is a session in mode PHONE; its notes say what was said.
 */
@Entity('mediation_sessions')
export class MediationSession extends CaseRecord {
  /** China date on which it took place. */
  @Column({ type: 'date' })
  heldOn!: string;

  @Column({ type: 'text' })
  mode!: SessionMode;

  /** Who took part, as the mediator wrote them down (names and roles). */
  @Column({ type: 'text', array: true })
  participants!: string[];

  @Column({ type: 'text' })
  notes!: string;

  @Column({ type: 'uuid' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
