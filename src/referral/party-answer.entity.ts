import { Column, Entity } from 'typeorm';
import { CaseRecord } from '../cases/case-record.js';

export const ANSWER_DECISIONS = ['CONSENT', 'REFUSE'] as const;
export type AnswerDecision = (typeof ANSWER_DECISIONS)[number];
export const ANSWER_CHANNELS = ['WINDOW', 'PHONE', 'ONLINE', 'POST', 'PAPER'] as const;
export type AnswerChannel = (typeof ANSWER_CHANNELS)[number];

export const DECISION_LABELS: Record<AnswerDecision, string> = { CONSENT: '同意调解', REFUSE: '不同意调解' };
export const CHANNEL_LABELS: Record<AnswerChannel, string> = {
  WINDOW: '窗口',
  PHONE: '电话',
  ONLINE: '网上',
  POST: '邮寄',
  PAPER: '书面',
};

/** A party's answer to the notice (当事人意见): consent or refusal, once per party. */
@Entity('party_answers')
export class PartyAnswer extends CaseRecord {
  @Column({ type: 'uuid' })
  partyId!: string;

  /** The notice in force when the answer was recorded. */
  @Column({ type: 'uuid' })
  noticeId!: string;

  @Column({ type: 'text' })
  decision!: AnswerDecision;

  @Column({ type: 'text' })
  channel!: AnswerChannel;

  /** China date the party answered (a paper form may be entered later). */
  @Column({ type: 'date' })
  answeredOn!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** The staff user who recorded it; null when the party answered online herself (`recordedByParty`). */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByParty!: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
