import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FilingNumberSource } from '../cases/procedure.js';

/** The bounds of a court area's resident population (辖区常住人口). */
export const POPULATION_MIN = 1;
export const POPULATION_MAX = 100_000_000;
/** The days a party has to answer the referral notice (告知书答复期限), counted as a legal period. */
export const REPLY_DAYS_MIN = 1;
export const REPLY_DAYS_MAX = 30;

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
  /** 联系电话 printed on the referral notice for the parties' answers. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** 本院地址 (where answers are handed in or posted). */
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** The public address of this platform (e.g. https://tiaojie.example.gov.cn): the rating page is under it. */
  @Column({ name: 'public_url', type: 'text', nullable: true })
  publicUrl!: string | null;

  @Column({ name: 'notice_reply_days', type: 'integer', default: 7 })
  noticeReplyDays!: number;

  /** 在线调解规则: the working days after referral within which the parties may agree on a mediator. */
  @Column({ name: 'mediator_choice_working_days', type: 'integer', default: 2 })
  mediatorChoiceWorkingDays!: number;

  /** Who gives the 民初 / 民特 numbers: the platform (OWN) or the court's case system, typed by the clerk (EXTERNAL). */
  @Column({ name: 'filing_numbers', type: 'text', default: 'OWN' })
  filingNumbers!: FilingNumberSource;

  /** The court's switch to the 2025 procedure: no old 诉前调解 registration on or after this China date. */
  @Column({ name: 'legacy_until', type: 'date', default: '2025-01-01' })
  legacyUntil!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
