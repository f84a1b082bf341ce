// A one-time link to the party's page, sent by SMS: the earlier unused links of the party revoked, a new token (only
// its hash kept), the message queued in the caller's transaction and the invitation that the token opens. The
// invitation to answer a notice and the one to sign an agreement differ only in the message's words.
import { IsNull, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { MessageSender } from '../messages/message-sender.service.js';
import type { Case } from '../cases/case.entity.js';
import type { Party } from '../cases/party.entity.js';
import type { Court } from '../courts/court.entity.js';
import { PartyInvitation } from './party-online.entities.js';
import { hashToken, newToken } from './party-secrets.js';

interface PartyLink {
  actor: Actor;
  c: Case;
  court: Court;
  party: Party;
  now: Date;
  /** How long the link is valid. */
  linkDays: number;
  /** The message's words, given the link and until when it is valid. */
  text: (link: string, expiresAt: Date) => string;
}

/** Sends the link: the queued message (its id is the invitation's answer) and until when the link is valid. */
export async function sendPartyLink(m: EntityManager, sender: MessageSender, l: PartyLink) {
  await m.update(PartyInvitation, { partyId: l.party.id, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: l.now });
  const token = newToken();
  const expiresAt = new Date(l.now.getTime() + l.linkDays * 86_400_000);
  const link = `${l.court.publicUrl!.replace(/\/+$/, '')}/p/${token}`;
  const message = await sender.enqueue(m, {
    courtId: l.c.courtId,
    caseId: l.c.id,
    partyId: l.party.id,
    channel: 'SMS',
    recipient: l.party.phone!,
    body: l.text(link, expiresAt),
    purpose: 'PARTY_INVITATION',
  });
  await m.insert(PartyInvitation, {
    courtId: l.c.courtId,
    caseId: l.c.id,
    partyId: l.party.id,
    tokenHash: hashToken(token),
    messageId: message.id,
    createdBy: l.actor.userId,
    createdAt: l.now,
    expiresAt,
  });
  return { message, expiresAt };
}
