import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The bounds of a court area's resident population (辖区常住人口). */
export const POPULATION_MIN = 1;
export const POPULATION_MAX = 100_000_000;

/** A court (法院). `code` is its 法院代字 used in case numbers, e.g. 京0105. */
@Entity('courts')
export class Court {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Resident population of the court's area, for 万人成讼率. */
  @Column({ type: 'integer' })
  population!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
