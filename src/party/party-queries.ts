// Named reads of the parties online: a party's session and who is behind it, the notice served, the message
// threads, the service records, what a receipt names, and the mediators the parties may choose and their choices.
// Functions taking a manager, and `PartyQueries` offering them on the data source to the services (which keep the
// rules, the writes and the transactions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { findActiveRosterEntries, type RosterEntry } from '../assignment/roster-queries.js';
import { partiesOf } from '../cases/case-finders.js';
import { findRosterName } from '../cases/cases-queries.js';
import { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import { Court } from '../courts/court.entity.js';
import { mediatorOf } from '../mediation/mediation-agreement.service.js';
import { OutboundMessage } from '../messages/outbound-message.entity.js';
import { PartyAnswer } from '../referral/party-answer.entity.js';
import { ReferralNotice } from '../referral/referral-notice.entity.js';
import { PartyMediatorChoice, PartyMessage } from './party-message.entities.js';
import { PartySession, ServiceRecord } from './party-online.entities.js';
import { latestNoticeOf, serviceConfirmationOf } from './party-records.js';

/** The party session holding a token (by its hash), or null. */
export function findPartySessionByTokenHash(m: EntityManager, tokenHash: string): Promise<PartySession | null> {
  return m.findOne(PartySession, { where: { tokenHash } });
}

/** The party and the case behind a party session. */
export function findPartyAndCaseOfSession(m: EntityManager, session: PartySession): Promise<[Party, Case]> {
  return Promise.all([
    m.findOneByOrFail(Party, { id: session.partyId }),
    m.findOneByOrFail(Case, { id: session.caseId }),
  ]);
}

/** What the party's own case page reads besides the sessions and facts: court, parties, notice, answer, address. */
export function findPartyCaseParts(m: EntityManager, c: Pick<Case, 'id' | 'courtId'>, partyId: string) {
  return Promise.all([
    m.findOneByOrFail(Court, { id: c.courtId }),
    partiesOf(m, c.id),
    latestNoticeOf(m, c.id),
    m.findOne(PartyAnswer, { where: { partyId } }),
    serviceConfirmationOf(m, partyId),
  ]);
}

/** The messages of one party's thread, oldest first. */
export function findThreadOfParty(m: EntityManager, caseId: string, partyId: string): Promise<PartyMessage[]> {
  return m.find(PartyMessage, { where: { caseId, partyId }, order: { sentAt: 'ASC', seq: 'ASC' } });
}

/** A case's parties and all its party messages, oldest first. */
export function findThreadsOfCase(m: EntityManager, caseId: string): Promise<[Party[], PartyMessage[]]> {
  return Promise.all([
    partiesOf(m, caseId),
    m.find(PartyMessage, { where: { caseId }, order: { sentAt: 'ASC', seq: 'ASC' } }),
  ]);
}

/** A case's service records (in the order sent) with its parties, answers, party sessions and the messages sent. */
export async function findServiceRecordsOfCase(m: EntityManager, caseId: string) {
  const [records, parties, answers, sessions] = await Promise.all([
    m.find(ServiceRecord, { where: { caseId }, order: { sentAt: 'ASC', id: 'ASC' } }),
    partiesOf(m, caseId),
    m.find(PartyAnswer, { where: { caseId } }),
    m.find(PartySession, { where: { caseId }, order: { createdAt: 'ASC' } }),
  ]);
  const messageIds = records.map((r) => r.messageId).filter((id): id is string => !!id);
  const messages = new Map(
    (messageIds.length ? await m.find(OutboundMessage, { where: { id: In(messageIds) } }) : []).map((x) => [x.id, x]),
  );
  return { records, parties, answers, sessions, messages };
}

/** What a service receipt names: the court, the message that carried the document, and the notice served. */
export async function findReceiptParts(
  m: EntityManager,
  courtId: string,
  record: { messageId: string | null; documentKind: string; documentId: string },
) {
  const court = await m.findOneByOrFail(Court, { id: courtId });
  const message = record.messageId ? await m.findOneBy(OutboundMessage, { id: record.messageId }) : null;
  const notice =
    record.documentKind === 'REFERRAL_NOTICE' ? await m.findOneBy(ReferralNotice, { id: record.documentId }) : null;
  return { court, message, notice };
}

/** A court (its period for choosing a mediator, its name). */
export function findCourt(m: EntityManager, courtId: string): Promise<Court> {
  return m.findOneByOrFail(Court, { id: courtId });
}

/** Each party's choice of mediator in force (their latest), by party id. */
export async function findLatestMediatorChoices(
  m: EntityManager,
  caseId: string,
): Promise<Map<string, PartyMediatorChoice>> {
  const rows = await m.find(PartyMediatorChoice, { where: { caseId }, order: { chosenAt: 'ASC', seq: 'ASC' } });
  return new Map(rows.map((r) => [r.partyId, r]));
}

@Injectable()
export class PartyQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  sessionByTokenHash(tokenHash: string) {
    return findPartySessionByTokenHash(this.dataSource.manager, tokenHash);
  }

  partyAndCaseOfSession(session: PartySession) {
    return findPartyAndCaseOfSession(this.dataSource.manager, session);
  }

  caseParts(c: Pick<Case, 'id' | 'courtId'>, partyId: string) {
    return findPartyCaseParts(this.dataSource.manager, c, partyId);
  }

  latestNotice(caseId: string) {
    return latestNoticeOf(this.dataSource.manager, caseId);
  }

  threadOfParty(caseId: string, partyId: string) {
    return findThreadOfParty(this.dataSource.manager, caseId, partyId);
  }

  mediatorOf(c: Case) {
    return mediatorOf(this.dataSource.manager, c);
  }

  threadsOfCase(caseId: string) {
    return findThreadsOfCase(this.dataSource.manager, caseId);
  }

  serviceRecordsOfCase(caseId: string) {
    return findServiceRecordsOfCase(this.dataSource.manager, caseId);
  }

  receiptParts(courtId: string, record: { messageId: string | null; documentKind: string; documentId: string }) {
    return findReceiptParts(this.dataSource.manager, courtId, record);
  }

  court(courtId: string): Promise<Court> {
    return findCourt(this.dataSource.manager, courtId);
  }

  /** The court's active roster entries, leaving out those recused from the case. */
  activeRoster(courtId: string, caseId: string): Promise<RosterEntry[]> {
    return findActiveRosterEntries(this.dataSource.manager, courtId, { notRecusedFromCaseId: caseId });
  }

  latestMediatorChoices(caseId: string): Promise<Map<string, PartyMediatorChoice>> {
    return findLatestMediatorChoices(this.dataSource.manager, caseId);
  }

  /** A roster entry's name, or null. */
  rosterName(mediatorId: string): Promise<string | null> {
    return findRosterName(this.dataSource.manager, mediatorId);
  }
}
