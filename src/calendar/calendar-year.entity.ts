import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * An administrator's entry of one year's State Council holiday schedule. It
 * overrides the schedule shipped in `chinese-days` for that year.
 */
@Entity('calendar_years')
export class CalendarYear {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  /** Public holidays (法定节假日), ISO dates. */
  @Column({ type: 'date', array: true })
  holidays!: string[];

  /** Weekend days made into working days (调休上班), ISO dates. */
  @Column({ type: 'date', array: true })
  makeupWorkdays!: string[];

  @Column({ type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
