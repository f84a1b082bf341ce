import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user's secret calendar address (日程订阅): the secret is shown once and kept only as its SHA-256. */
@Entity('calendar_feeds')
export class CalendarFeed {
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'text' })
  secretHash!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
