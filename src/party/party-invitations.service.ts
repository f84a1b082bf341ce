// 邀请当事人在线参与: the clerk sends each party a one-time link by SMS to the phone on file; the notice in force
// is what it serves. Messages are queued in the same transaction as the invitations and sent after commit.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { partiesOf } from '../cases/case-finders.js';
import { recordCaseEvent, recordDocumentPrinted } from '../cases/case-history.js';
import { loadCase } from '../cases/case-access.js';
import { CaseOps } from '../cases/case-ops.js';
import type { Case } from '../cases/case.entity.js';
import { PARTY_ROLE_LABELS, type Party } from '../cases/party.entity.js';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { maskPhone } from '../common/personal-data.js';
import { Court } from '../courts/court.entity.js';
import { MessageSender } from '../messages/message-sender.service.js';
import { PartyInvitation, PartySession, ServiceRecord, SERVICE_CHANNEL_LABELS } from './party-online.entities.js';
import { PartyQueries } from './party-queries.js';
import { latestNoticeOf, serviceConfirmationsOf } from './party-records.js';
import { COMPLETION_BASIS_LABELS, serviceCompletion } from './service-completion.js';
import type {} from './service-receipt-pdf.js';
import { CourtSeal } from '../signing/court-seal.js';
import { ReferralNotice } from '../referral/referral-notice.entity.js';
import { DocumentRenderer } from '../common/document-renderer.js';
import { sendPartyLink } from './party-links.js';

const DEFAULT_LINK_DAYS = 15;

/** Why a party was not invited (inviting all parties skips them; naming one refuses). */
type SkipReason = 'NO_PHONE' | 'ELECTRONIC_SERVICE_DECLINED';
const SKIP_MESSAGES: Record<SkipReason, string> = {
  NO_PHONE: '没有登记手机号，请按原方式送达',
  ELECTRONIC_SERVICE_DECLINED: '已表示不同意电子送达，请按原方式送达',
};

/** The SMS a party gets: who sends it, what it is about, the link and until when it works. */
function invitationText(court: Court, party: Party, notice: ReferralNotice, link: string, until: Date): string {
  return (
    `【${court.name}】${party.name}，您好：本院向您送达《${notice.content.title}》（${notice.number}）。` +
    `请于${chinaDate(until)}前打开 ${link} ，核验身份后查看并在线答复。本链接仅限本人使用一次，请勿转发。`
  );
}

@Injectable()
export class PartyInvitationsService {
  private readonly linkDays: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: PartyQueries,
    private readonly cases: CaseOps,
    private readonly audit: AuditService,
    private readonly sender: MessageSender,
    private readonly clock: Clock,
    private readonly seal: CourtSeal,
    private readonly documents: DocumentRenderer,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.linkDays = options.messages?.partyLinkDays ?? DEFAULT_LINK_DAYS;
  }

  /** Invites the named parties, or every party with a phone who has not declined electronic service. */
  async invite(actor: Actor, caseId: string, partyIds: string[] | undefined) {
    const c = await this.cases.read(actor, caseId);
    const result = await this.dataSource.transaction(async (m) => {
      const notice = await latestNoticeOf(m, c.id);
      if (!notice) throw new RuleViolationError('NO_DOCUMENT_TO_SERVE', '尚未发出告知书，没有可以送达的文书');
      const court = await m.findOneByOrFail(Court, { id: c.courtId });
      if (!court.publicUrl) {
        throw new RuleViolationError('COURT_PUBLIC_URL_MISSING', '请先在法院设置中填写平台网址，短信中的链接要用到它');
      }
      const { chosen, skipped } = await this.chooseParties(m, c, partyIds);
      const invitations = [];
      for (const party of chosen) invitations.push(await this.inviteOne(m, actor, c, court, notice, party));
      await recordCaseEvent(this.audit, m, actor, c, 'PARTIES_INVITED', null, {
        noticeNumber: notice.number,
        invitations: invitations.map((i) => ({ partyId: i.partyId, messageId: i.messageId, phone: i.phone })),
        ...(skipped.length > 0 ? { skipped } : {}),
      });
      return { invitations, skipped };
    });
    this.sender.dispatchSoon();
    return {
      invitations: result.invitations.map(({ partyId, messageId, expiresAt }) => ({ partyId, messageId, expiresAt })),
      skipped: result.skipped,
    };
  }

  private async chooseParties(m: EntityManager, c: Case, partyIds: string[] | undefined) {
    const parties = await partiesOf(m, c.id);
    const confirmations = await serviceConfirmationsOf(m, c.id);
    const reasonOf = (p: Party): SkipReason | null =>
      !p.phone
        ? 'NO_PHONE'
        : confirmations.get(p.id)?.consentElectronic === false
          ? 'ELECTRONIC_SERVICE_DECLINED'
          : null;
    if (partyIds) {
      const unknown = partyIds.filter((id) => !parties.some((p) => p.id === id));
      if (unknown.length > 0) {
        throw ValidationFailedError.field('partyIds', 'PARTY_NOT_IN_CASE', 'partyIds：该当事人不属于本案');
      }
      const named = parties.filter((p) => partyIds.includes(p.id));
      const refused = named.map((p) => ({ p, reason: reasonOf(p) })).find((x) => x.reason);
      if (refused?.reason) {
        throw new RuleViolationError(refused.reason, `当事人“${refused.p.name}”${SKIP_MESSAGES[refused.reason]}`, {
          partyId: refused.p.id,
        });
      }
      return { chosen: named, skipped: [] };
    }
    const chosen = parties.filter((p) => !reasonOf(p));
    const skipped = parties
      .filter((p) => reasonOf(p))
      .map((p) => ({ partyId: p.id, reason: reasonOf(p)!, message: SKIP_MESSAGES[reasonOf(p)!] }));
    if (chosen.length === 0) {
      throw new RuleViolationError('NO_PARTY_TO_INVITE', '本案没有可以在线送达的当事人（没有手机号或不同意电子送达）');
    }
    return { chosen, skipped };
  }

  private async inviteOne(m: EntityManager, actor: Actor, c: Case, court: Court, notice: ReferralNotice, party: Party) {
    const now = this.clock.now();
    // A new link revokes the party's earlier ones that were not used.
    const { message, expiresAt } = await sendPartyLink(m, this.sender, {
      actor,
      c,
      court,
      party,
      now,
      linkDays: this.linkDays,
      text: (link, until) => invitationText(court, party, notice, link, until),
    });
    const confirmation = (await serviceConfirmationsOf(m, c.id)).get(party.id);
    await m.insert(ServiceRecord, {
      courtId: c.courtId,
      caseId: c.id,
      partyId: party.id,
      documentKind: 'REFERRAL_NOTICE',
      documentId: notice.id,
      channel: 'SMS_LINK',
      messageId: message.id,
      addressConfirmed: confirmation?.consentElectronic === true,
      sentAt: now,
    });
    return { partyId: party.id, messageId: message.id, expiresAt, phone: maskPhone(party.phone) };
  }

  /**
   * Withdraws a party's online access at once (a wrong phone, a lost phone): their unused links and open
   * party sessions are revoked; the case does not move. The party is served as before (or invited again).
   */
  async revoke(actor: Actor, caseId: string, partyId: string) {
    const c = await this.cases.read(actor, caseId);
    return this.dataSource.transaction(async (m) => {
      const party = (await partiesOf(m, c.id)).find((p) => p.id === partyId);
      if (!party) throw ValidationFailedError.field('partyId', 'PARTY_NOT_IN_CASE', 'partyId：该当事人不属于本案');
      const now = this.clock.now();
      const invitations = await m.update(
        PartyInvitation,
        { partyId, usedAt: IsNull(), revokedAt: IsNull() },
        { revokedAt: now },
      );
      const sessions = await m.update(PartySession, { partyId, revokedAt: IsNull() }, { revokedAt: now });
      const result = { revokedInvitations: invitations.affected ?? 0, revokedSessions: sessions.affected ?? 0 };
      await recordCaseEvent(this.audit, m, actor, c, 'PARTY_ONLINE_ACCESS_REVOKED', null, { partyId, ...result });
      return result;
    });
  }

  /** 送达记录: per document and party, how it was sent, whether it reached, was opened, and when service completed. */
  async serviceRecords(actor: Actor, caseId: string) {
    const c = await this.cases.read(actor, caseId);
    const { records, parties, answers, sessions, messages } = await this.queries.serviceRecordsOfCase(c.id);
    const items = records.map((r) => {
      const party = parties.find((p) => p.id === r.partyId)!;
      const message = r.messageId ? messages.get(r.messageId) : undefined;
      const reachedAt = message?.deliveredAt ?? null;
      const done = serviceCompletion({ addressConfirmed: r.addressConfirmed, reachedAt, actedAt: r.actedAt });
      return {
        id: r.id,
        partyId: r.partyId,
        partyName: party.name,
        partyRole: party.role,
        partyRoleLabel: PARTY_ROLE_LABELS[party.role],
        documentKind: r.documentKind,
        documentId: r.documentId,
        channel: r.channel,
        channelLabel: SERVICE_CHANNEL_LABELS[r.channel],
        messageId: r.messageId,
        messageStatus: message?.status ?? null,
        addressConfirmed: r.addressConfirmed,
        sentAt: r.sentAt,
        reachedAt,
        openedAt: r.openedAt,
        actedAt: r.actedAt,
        complete: done !== null,
        completedAt: done?.completedAt ?? null,
        completionBasis: done?.basis ?? null,
        completionBasisLabel: done ? COMPLETION_BASIS_LABELS[done.basis] : null,
      };
    });
    const participation = parties.map((p) => {
      const answer = answers.find((a) => a.partyId === p.id);
      return {
        partyId: p.id,
        name: p.name,
        roleLabel: PARTY_ROLE_LABELS[p.role],
        invited: records.some((r) => r.partyId === p.id),
        verifiedAt: sessions.find((s) => s.partyId === p.id)?.createdAt ?? null,
        answer: answer ? { decision: answer.decision, channel: answer.channel, answeredOn: answer.answeredOn } : null,
      };
    });
    return { items, parties: participation };
  }

  /** 电子送达凭证 of one service record: a PDF with the court's electronic signature. */
  async receiptPdf(actor: Actor, caseId: string, recordId: string): Promise<{ pdf: Buffer; filename: string }> {
    const { items } = await this.serviceRecords(actor, caseId);
    const record = items.find((r) => r.id === recordId);
    if (!record) throw new NotFoundError('SERVICE_RECORD_NOT_FOUND', '送达记录不存在');
    // The receipt names the party and the address it was served at: the download is in the case's history.
    const c = await this.dataSource.transaction(async (tm) => {
      const c = await loadCase(tm, actor, caseId);
      await recordDocumentPrinted(this.audit, tm, actor, c, 'service-receipt', {
        recordId: record.id,
        partyId: record.partyId,
        partyName: record.partyName,
      });
      return c;
    });
    const { court, message, notice } = await this.queries.receiptParts(c.courtId, record);
    const documentTitle =
      record.documentKind === 'REFERRAL_NOTICE'
        ? notice
          ? `《${notice.content.title}》（${notice.number}）`
          : '告知书'
        : `《调解协议书》（${c.prelitigationNumber ?? ''}，经各方签署生效）`;
    const now = this.clock.now();
    const pdf = await this.documents.render('service-receipt', {
      courtName: court.name,
      caseNumber: c.prelitigationNumber ?? c.filingNumber ?? null,
      recordId: record.id,
      partyName: record.partyName,
      partyRoleLabel: record.partyRoleLabel,
      documentTitle,
      channelLabel: record.channelLabel,
      address: message ? (message.channel === 'SMS' ? maskPhone(message.recipient) : message.recipient) : null,
      addressConfirmed: record.addressConfirmed,
      sentAt: record.sentAt,
      reachedAt: record.reachedAt,
      openedAt: record.openedAt,
      actedAt: record.actedAt,
      completedAt: record.completedAt,
      completionBasisLabel: record.completionBasisLabel,
      messageId: record.messageId,
      printedAt: now,
    });
    const signed = await this.seal.sign(
      pdf,
      {
        name: court.name,
        reason: '电子送达凭证',
        location: court.address ?? court.name,
        contactInfo: court.phone ?? '',
      },
      now,
    );
    return { pdf: signed, filename: `电子送达凭证-${record.partyName}.pdf` };
  }
}
