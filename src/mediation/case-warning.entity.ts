import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

export const WARNING_KINDS = ['DEADLINE_APPROACHING', 'DEADLINE_PASSED'] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/**
 * A stored deadline warning (节点预警), raised once per case, kind and deadline:
 * after an extension the new deadline may raise its own.
 */
@Entity('case_warnings')
export class CaseWarning extends CaseRecord {
  @Column({ type: 'text' })
  kind!: WarningKind;

  /** The deadline warned about (China date). */
  @Column({ type: 'date' })
  deadline!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
