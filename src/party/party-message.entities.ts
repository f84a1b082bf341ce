// The rows of a party's messages with the mediator and of a party's choice of mediator (migration 1700000004200).
// Both are the record: added, never changed.
import { Column, Entity } from 'typeorm';
import { PartyRecord } from '../cases/case-record.js';

type PartyMessageDirection = 'FROM_PARTY' | 'FROM_MEDIATOR';

/**
 * 留言: one message in the thread of one party with the case's mediator (the other parties never see it). The
 * party (partyId) is the one whose thread it is: the author, or the one the mediator answers.
 */
@Entity('party_messages')
export class PartyMessage extends PartyRecord {
  /** The order rows were written in (two may share a timestamp). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'text' })
  direction!: PartyMessageDirection;

  /** The mediator's account (FROM_MEDIATOR only). */
  @Column({ type: 'uuid', nullable: true })
  authorUserId!: string | null;

  @Column({ type: 'text' })
  authorName!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'timestamptz' })
  sentAt!: Date;

  /** The SMS that told the party of a mediator's reply, if one was sent. */
  @Column({ type: 'uuid', nullable: true })
  outboundMessageId!: string | null;

  /** The identity evidence of the party's session (FROM_PARTY). */
  @Column({ type: 'jsonb', nullable: true })
  evidence!: Record<string, unknown> | null;
}

/** 选择调解员: a party's proposal of a mediator from the published roster; the latest one is in force. */
@Entity('party_mediator_choices')
export class PartyMediatorChoice extends PartyRecord {
  /** The order rows were written in (two may share a timestamp). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'uuid' })
  mediatorId!: string;

  @Column({ type: 'timestamptz' })
  chosenAt!: Date;

  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;
}
