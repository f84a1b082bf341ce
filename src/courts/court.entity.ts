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

  /** The court above (an intermediate court over its basic courts), to which closed months are submitted (报送). */
  @Column({ type: 'uuid', nullable: true })
  parentCourtId!: string | null;

  /** 调处成功率目标, 0..1, set by the court above; null when none is set. */
  @Column({
    type: 'numeric',
    precision: 5,
    scale: 4,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  successRateTarget!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
