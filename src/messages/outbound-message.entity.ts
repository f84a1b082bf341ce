import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_CHANNELS = ['SMS', 'EMAIL'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_STATUSES = ['QUEUED', 'SENT', 'DELIVERED', 'FAILED'] as const;
type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export type ProviderName = 'LOCAL' | 'SMS_HTTP' | 'SMTP';
/** Why a message was sent: an invitation link, an identity code. */
export type MessagePurpose = 'PARTY_INVITATION' | 'PARTY_CODE' | 'DOCUMENT_SERVED' | 'PARTY_REMINDER';

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  QUEUED: '待发送',
  SENT: '已发出',
  DELIVERED: '已送达',
  FAILED: '发送失败',
};

/**
 * One message that leaves the system (短信、电子邮件), and its fate. The row is written in the transaction that
 * decides to send it; the background sender sends it after commit, so nothing is sent inside a case transaction.
 */
@Entity('outbound_messages')
export class OutboundMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courtId!: string;

  @Column({ type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  partyId!: string | null;

  @Column({ type: 'text' })
  channel!: MessageChannel;

  /** A mobile number or an e-mail address. */
  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  purpose!: MessagePurpose;

  @Column({ type: 'text' })
  provider!: ProviderName;

  @Column({ type: 'text' })
  status!: MessageStatus;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt!: Date | null;
}
