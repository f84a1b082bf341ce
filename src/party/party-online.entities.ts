// The rows of the parties' online participation (migration 1700000002600). Tokens and codes are kept only as
// hashes; nothing here is ever deleted (revoked, used and expired rows stay as the record).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PartyRecord } from '../cases/case-record.js';

/** 邀请: a one-time link sent to one party of one case. */
@Entity('party_invitations')
export class PartyInvitation extends PartyRecord {
  @Column({ type: 'text' })
  tokenHash!: string;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** When the identity check through it succeeded: the link works once. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** A newer invitation, or the clerk, revoked it. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

/** 身份核验: the name and ID suffix matched; a code went to the phone on file. */
@Entity('party_challenges')
export class PartyChallenge {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  invitationId!: string;

  @Column({ type: 'uuid' })
  partyId!: string;

  @Column({ type: 'text' })
  codeHash!: string;

  @Column({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  /** SESSION: the identity check that opens a session; AGREEMENT_SIGNATURE: a fresh code to sign with. */
  @Column({ type: 'text', default: 'SESSION' })
  purpose!: 'SESSION' | 'AGREEMENT_SIGNATURE';

  /** The party session an AGREEMENT_SIGNATURE code belongs to. */
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;
}

/** A party's session after the identity check: one party, one case, until it expires. */
@Entity('party_sessions')
export class PartySession extends PartyRecord {
  @Column({ type: 'uuid' })
  challengeId!: string;

  @Column({ type: 'text' })
  tokenHash!: string;

  /** How the identity was established (kept with every act in the history). */
  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

/** 《送达地址确认书》 as the party confirmed it online; the latest one is in force. */
@Entity('party_service_confirmations')
export class PartyServiceConfirmation extends PartyRecord {
  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** The phone on file the party confirmed as the electronic address for SMS. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'boolean' })
  consentElectronic!: boolean;

  @Column({ type: 'timestamptz' })
  confirmedAt!: Date;

  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;
}

export const SERVICE_CHANNELS = ['WINDOW', 'POST', 'SMS_LINK', 'EMAIL', 'PLATFORM'] as const;
type ServiceChannel = (typeof SERVICE_CHANNELS)[number];
export const SERVICE_CHANNEL_LABELS: Record<ServiceChannel, string> = {
  WINDOW: '窗口直接送达',
  POST: '邮寄送达',
  SMS_LINK: '短信链接',
  EMAIL: '电子邮件',
  PLATFORM: '诉讼服务平台',
};
type ServedDocumentKind = 'REFERRAL_NOTICE' | 'MEDIATION_AGREEMENT';

/** 送达记录: one document served on one party by one channel. */
@Entity('service_records')
export class ServiceRecord extends PartyRecord {
  @Column({ type: 'text' })
  documentKind!: ServedDocumentKind;

  @Column({ type: 'uuid' })
  documentId!: string;

  @Column({ type: 'text' })
  channel!: ServiceChannel;

  @Column({ type: 'uuid', nullable: true })
  messageId!: string | null;

  /** Whether the party had consented to electronic service and confirmed the address when it was sent. */
  @Column({ type: 'boolean' })
  addressConfirmed!: boolean;

  @Column({ type: 'timestamptz' })
  sentAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  /** The party's first act on it online (an answer, an address confirmation). */
  @Column({ type: 'timestamptz', nullable: true })
  actedAt!: Date | null;
}
