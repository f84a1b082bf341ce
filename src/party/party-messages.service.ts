// 留言: messages between a party and the case's mediator while the case is being mediated. One thread per party
// with the mediator, like a caucus (背对背调解): a party never sees what the other side wrote. A new party message
// raises a notification for the mediator; a mediator's reply tells the party by SMS with a one-time link to their
// page (the text itself is not in the SMS). The history records each message by its length and SHA-256, not its
// words: the history is read by everyone on the case, including the judge if mediation fails, and what was said in
// a caucus must not follow the parties to trial (nor bloat the record); the words stay in party_messages.
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { partiesOf } from '../cases/case-finders.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { CaseOps } from '../cases/case-ops.js';
import { Case } from '../cases/case.entity.js';
import { PARTY_ROLE_LABELS, type Party } from '../cases/party.entity.js';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ForbiddenError, RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { TooManyRequestsError } from '../common/http/rate-limit.guard.js';
import { Court } from '../courts/court.entity.js';
import { mediatorOf } from '../mediation/mediation-agreement.service.js';
import { MessageSender } from '../messages/message-sender.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { PartyMessage } from './party-message.entities.js';
import { PartyQueries } from './party-queries.js';
import { serviceConfirmationOf } from './party-records.js';
import type { PartyPrincipal } from './party-sessions.service.js';
import { sendPartyLink } from './party-links.js';

/** The longest message, in characters (a party's page and the mediator's form say so). */
const MESSAGE_MAX_LENGTH = 1000;
/** A party's messages per hour: enough for a conversation, not for flooding the mediator. */
export const PARTY_MESSAGES_PER_HOUR = 20;
const DEFAULT_LINK_DAYS = 15;
/** Messages are open while a mediator has the case. */
const MEDIATING: readonly string[] = ['ASSIGNED', 'IN_MEDIATION'];

const messagesClosed = () =>
  new RuleViolationError('MESSAGES_CLOSED', '本案现在没有调解员在办理，不能留言。如有疑问，请拨打法院电话');
const notAssignedMediator = () => new ForbiddenError('NOT_ASSIGNED_MEDIATOR', '只有本案的调解员可以回复当事人的留言');
const emptyBody = () => ValidationFailedError.field('body', 'MESSAGE_EMPTY', 'body：留言内容不能为空');

const canExchangeMessages = (c: Pick<Case, 'status' | 'mediatorUserId'>): boolean =>
  MEDIATING.includes(c.status) && c.mediatorUserId !== null;

const sha256Of = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function messageView(x: PartyMessage) {
  return {
    id: x.id,
    direction: x.direction,
    authorName: x.authorName,
    body: x.body,
    sentAt: x.sentAt,
  };
}

@Injectable()
export class PartyMessagesService {
  private readonly linkDays: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: PartyQueries,
    private readonly cases: CaseOps,
    private readonly audit: AuditService,
    private readonly sender: MessageSender,
    private readonly notifications: NotificationService,
    private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.linkDays = options.messages?.partyLinkDays ?? DEFAULT_LINK_DAYS;
  }

  // ---- the party's side ----

  /** The party's own thread with the mediator, oldest first, and whether they may write now. */
  async forParty(p: PartyPrincipal) {
    const items = await this.queries.threadOfParty(p.case.id, p.party.id);
    const open = canExchangeMessages(p.case);
    return {
      items: items.map(messageView),
      canSend: open,
      mediatorName: open ? (await this.queries.mediatorOf(p.case)).name || null : null,
      maxLength: MESSAGE_MAX_LENGTH,
    };
  }

  /** 给调解员留言: in the party's thread; the mediator is notified (once until they reply). */
  async sendFromParty(p: PartyPrincipal, body: string) {
    const text = body.trim();
    if (!text) throw emptyBody();
    const result = await this.dataSource.transaction(async (m) => {
      const c = await m.findOneByOrFail(Case, { id: p.case.id });
      if (!canExchangeMessages(c)) throw messagesClosed();
      const now = this.clock.now();
      const [{ n }]: { n: number }[] = await m.query(
        `SELECT count(*)::int AS n FROM party_messages
          WHERE party_id = $1 AND direction = 'FROM_PARTY' AND sent_at > $2`,
        [p.party.id, new Date(now.getTime() - 3_600_000)],
      );
      if (n >= PARTY_MESSAGES_PER_HOUR) return { limited: true as const };
      const evidence = { ...p.session.evidence, sessionId: p.session.id };
      const message = await m.save(
        m.create(PartyMessage, {
          courtId: c.courtId,
          caseId: c.id,
          partyId: p.party.id,
          direction: 'FROM_PARTY',
          authorUserId: null,
          authorName: p.party.name,
          body: text,
          sentAt: now,
          outboundMessageId: null,
          evidence,
        }),
      );
      await recordCaseEvent(this.audit, m, p.actor, c, 'PARTY_MESSAGE_SENT', null, {
        partyId: p.party.id,
        messageId: message.id,
        length: text.length,
        sha256: sha256Of(text),
        identityEvidence: evidence,
      });
      await this.notifyMediator(m, c, p.party, message);
      return { limited: false as const, message };
    });
    if (result.limited) throw new TooManyRequestsError(3600);
    return messageView(result.message);
  }

  /**
   * One notification per party until the mediator answers them: the key carries the mediator's latest reply in
   * that thread, so a party writing three times in a row is one reminder, and a message after a reply is a new one.
   */
  private async notifyMediator(m: EntityManager, c: Case, party: Party, message: PartyMessage) {
    const [lastReply] = await m.find(PartyMessage, {
      where: { partyId: party.id, direction: 'FROM_MEDIATOR' },
      order: { sentAt: 'DESC', seq: 'DESC' },
      take: 1,
    });
    const caseName = c.filingNumber ?? c.prelitigationNumber ?? `${c.caseType}案件`;
    await this.notifications.notify(m, {
      courtId: c.courtId,
      recipientUserId: c.mediatorUserId!,
      kind: 'PARTY_MESSAGE',
      subjectType: 'CASE',
      subjectId: c.id,
      message: `${caseName}：${PARTY_ROLE_LABELS[party.role]}${party.name}给您留言，请在案件页面查看并回复。`,
      dedupeKey: `party-message:${party.id}:${lastReply?.id ?? 'first'}`,
      createdAt: message.sentAt,
    });
  }

  // ---- the staff side ----

  /**
   * The threads of a case, one per party: the case's mediator (who replies) and the coordinators (who read, for
   * supervision). Clerks and judges do not read them: what was said in a caucus stays out of the trial.
   */
  async threadsFor(actor: Actor, caseId: string) {
    const c = await this.cases.read(actor, caseId);
    const [parties, messages] = await this.queries.threadsOfCase(c.id);
    const open = canExchangeMessages(c);
    return {
      canReply: open && c.mediatorUserId === actor.userId,
      open,
      maxLength: MESSAGE_MAX_LENGTH,
      threads: parties.map((party) => ({
        partyId: party.id,
        name: party.name,
        role: party.role,
        roleLabel: PARTY_ROLE_LABELS[party.role],
        messages: messages.filter((x) => x.partyId === party.id).map(messageView),
      })),
    };
  }

  /**
   * 回复当事人: the case's own mediator only, while mediating. The party is told by SMS with a one-time link to
   * their page, unless they have no phone or declined electronic service, or the court has no public address:
   * then the reply waits on their page (`notified: false`).
   */
  async reply(actor: Actor, caseId: string, input: { partyId: string; body: string }) {
    const text = input.body.trim();
    if (!text) throw emptyBody();
    const c0 = await this.cases.read(actor, caseId);
    const result = await this.dataSource.transaction(async (m) => {
      const c = await m.findOneByOrFail(Case, { id: c0.id });
      if (c.mediatorUserId !== actor.userId) throw notAssignedMediator();
      if (!canExchangeMessages(c)) throw messagesClosed();
      const party = (await partiesOf(m, c.id)).find((x) => x.id === input.partyId);
      if (!party) throw ValidationFailedError.field('partyId', 'PARTY_NOT_IN_CASE', 'partyId：该当事人不属于本案');
      const now = this.clock.now();
      const mediator = await mediatorOf(m, c);
      const outbound = await this.tellParty(m, actor, c, party, now);
      const message = await m.save(
        m.create(PartyMessage, {
          courtId: c.courtId,
          caseId: c.id,
          partyId: party.id,
          direction: 'FROM_MEDIATOR',
          authorUserId: actor.userId,
          authorName: mediator.name || actor.displayName,
          body: text,
          sentAt: now,
          outboundMessageId: outbound?.id ?? null,
          evidence: null,
        }),
      );
      await recordCaseEvent(this.audit, m, actor, c, 'MEDIATOR_MESSAGE_SENT', null, {
        partyId: party.id,
        messageId: message.id,
        length: text.length,
        sha256: sha256Of(text),
        smsMessageId: outbound?.id ?? null,
      });
      return { message, notified: outbound !== null };
    });
    if (result.notified) this.sender.dispatchSoon();
    return { ...messageView(result.message), partyId: input.partyId, notified: result.notified };
  }

  private async tellParty(m: EntityManager, actor: Actor, c: Case, party: Party, now: Date) {
    if (!party.phone) return null;
    if ((await serviceConfirmationOf(m, party.id))?.consentElectronic === false) return null;
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    if (!court.publicUrl) return null;
    const { message } = await sendPartyLink(m, this.sender, {
      actor,
      c,
      court,
      party,
      now,
      linkDays: this.linkDays,
      text: (link, expiresAt) =>
        `【${court.name}】${party.name}，您好：调解员回复了您的留言。请于${chinaDate(expiresAt)}前打开 ${link} ，` +
        `核验身份后查看。本链接仅限本人使用一次，请勿转发。`,
    });
    return message;
  }
}
