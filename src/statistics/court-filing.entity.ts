import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The court's own first-instance civil filings (一审民事收案数) of a month, as its statistician entered them. */
@Entity('court_filings')
export class CourtFiling {
  @PrimaryColumn({ type: 'uuid' })
  courtId!: string;

  /** YYYY-MM (a China month). */
  @PrimaryColumn({ type: 'text' })
  month!: string;

  @Column({ type: 'integer' })
  filings!: number;

  /** Why a closed month's figure was entered or changed. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'uuid' })
  enteredBy!: string;

  @Column({ type: 'text' })
  enteredByName!: string;

  @Column({ type: 'timestamptz' })
  enteredAt!: Date;
}
