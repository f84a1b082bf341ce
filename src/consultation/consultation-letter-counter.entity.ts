import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last letter number given per court and year (执咨). */
@Entity('consultation_letter_counters')
export class ConsultationLetterCounter {
  @PrimaryColumn({ type: 'uuid' })
  courtId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  lastValue!: number;
}
