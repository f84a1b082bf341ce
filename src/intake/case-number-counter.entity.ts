import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last number given per court, year and type code (民诉前调, 民初). */
@Entity('case_number_counters')
export class CaseNumberCounter {
  @PrimaryColumn({ type: 'uuid' })
  courtId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  typeCode!: string;

  @Column({ type: 'integer' })
  lastValue!: number;
}
