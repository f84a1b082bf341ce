// What a party does online once their identity is checked: read their case in plain words (only their own
// personal data), read and download the notice served on them, answer it, and confirm their address for
// service. Every act is in the case history with the identity evidence of their session.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { CASE_STATUS_LABELS } from '../cases/case-status.js';
import { PARTY_ROLE_LABELS } from '../cases/party.entity.js';
import { PROCEDURE_LABELS } from '../cases/procedure.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { maskIdNumber, maskPhone } from '../common/personal-data.js';
import { PartyAnswer, DECISION_LABELS, type AnswerDecision } from '../referral/party-answer.entity.js';
import { PartyAnswersService } from '../referral/party-answers.service.js';
import { ReferralNoticeService } from '../referral/referral-notice.service.js';
import { PartyCaseExtrasService } from './party-case-extras.service.js';
import { PartyServiceConfirmation } from './party-online.entities.js';
import { PartyQueries } from './party-queries.js';
import { markServiceRecords } from './party-records.js';
import type { PartyPrincipal } from './party-sessions.service.js';
import { PLAIN_STATUS } from './plain-words.js';

const documentNotFound = () => new NotFoundError('DOCUMENT_NOT_FOUND', '文书不存在');

@Injectable()
export class PartyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: PartyQueries,
    private readonly answers: PartyAnswersService,
    private readonly notices: ReferralNoticeService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly extras: PartyCaseExtrasService,
  ) {}

  /** The case as its party sees it: state and deadlines in plain words, the others by name and role only. */
  async caseOf(p: PartyPrincipal) {
    const c = p.case;
    const [[court, parties, notice, answer, confirmation], sessions, undisputedFacts] = await Promise.all([
      this.queries.caseParts(c, p.party.id),
      this.extras.sessionsOf(p),
      this.extras.factsOf(p),
    ]);
    return {
      court: { name: court.name, phone: court.phone, address: court.address },
      case: {
        caseType: c.caseType,
        procedure: c.procedure,
        procedureLabel: PROCEDURE_LABELS[c.procedure],
        number: c.filingNumber ?? c.prelitigationNumber ?? null,
        status: c.status,
        statusLabel: CASE_STATUS_LABELS[c.status],
        inPlainWords: PLAIN_STATUS[c.status],
        deadlines: {
          replyBy: c.status === 'NOTICE_ISSUED' ? (notice?.content.contact?.replyBy ?? null) : null,
          mediationDeadline: c.mediationDeadline,
        },
      },
      you: {
        partyId: p.party.id,
        name: p.party.name,
        role: p.party.role,
        roleLabel: PARTY_ROLE_LABELS[p.party.role],
        idNumber: maskIdNumber(p.party.idNumber ?? p.party.creditCode),
        phone: maskPhone(p.party.phone),
        serviceAddress: confirmation
          ? {
              address: confirmation.address,
              email: confirmation.email,
              consentToElectronicService: confirmation.consentElectronic,
              confirmedAt: confirmation.confirmedAt,
            }
          : null,
      },
      otherParties: parties
        .filter((x) => x.id !== p.party.id)
        .map((x) => ({ name: x.name, role: x.role, roleLabel: PARTY_ROLE_LABELS[x.role] })),
      answer: answer ? answerOf(answer) : null,
      canAnswer: c.status === 'NOTICE_ISSUED' && !answer,
      sessions,
      undisputedFacts,
    };
  }

  /** The documents served on the party (the notice in force); reading them is recorded once as opened. */
  async documents(p: PartyPrincipal) {
    const notice = await this.queries.latestNotice(p.case.id);
    if (!notice) return { items: [] };
    await this.markOpened(p, notice.number);
    return {
      items: [
        {
          id: notice.id,
          kind: 'REFERRAL_NOTICE',
          title: notice.content.title,
          number: notice.number,
          issuedAt: notice.issuedAt,
          sections: notice.content.sections.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs })),
          pdfUrl: `/api/v1/party/documents/${notice.id}/pdf`,
        },
      ],
    };
  }

  /** The party's own copy of the notice as a PDF (with only their answer block and rating code). */
  async documentPdf(p: PartyPrincipal, documentId: string) {
    const notice = await this.queries.latestNotice(p.case.id);
    if (!notice || notice.id !== documentId) throw documentNotFound();
    await this.markOpened(p, notice.number);
    return this.notices.partyCopyPdf(notice, p.party.id);
  }

  private async markOpened(p: PartyPrincipal, noticeNumber: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const opened = await markServiceRecords(m, p.party.id, 'openedAt', this.clock.now());
      if (opened > 0) {
        await recordCaseEvent(this.audit, m, p.actor, p.case, 'PARTY_OPENED_DOCUMENT', null, {
          partyId: p.party.id,
          noticeNumber,
          identityEvidence: p.session.evidence,
        });
      }
    });
  }

  /** 同意或不同意调解, recorded as any answer is (PartyAnswersService) with channel ONLINE and the evidence. */
  async answer(p: PartyPrincipal, decision: AnswerDecision) {
    const done = await this.answers.record(p.actor, p.case.id, {
      partyId: p.party.id,
      decision,
      channel: 'ONLINE',
      evidence: { ...p.session.evidence, sessionId: p.session.id },
    });
    await this.dataSource.transaction((m) => markServiceRecords(m, p.party.id, 'actedAt', this.clock.now()));
    return {
      answer: {
        decision: done.answer.decision,
        decisionLabel: DECISION_LABELS[done.answer.decision],
        channel: done.answer.channel,
        answeredOn: done.answer.answeredOn,
      },
      case: {
        status: done.case.status,
        statusLabel: CASE_STATUS_LABELS[done.case.status],
        inPlainWords: PLAIN_STATUS[done.case.status],
      },
    };
  }

  /** 《送达地址确认书》: the address for service, an e-mail, and whether they consent to electronic service. */
  async confirmServiceAddress(
    p: PartyPrincipal,
    input: { address: string; email?: string; consentToElectronicService: boolean },
  ) {
    return this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const confirmation = await m.save(
        m.create(PartyServiceConfirmation, {
          courtId: p.case.courtId,
          caseId: p.case.id,
          partyId: p.party.id,
          address: input.address.trim(),
          email: input.email?.trim() || null,
          phone: p.party.phone,
          consentElectronic: input.consentToElectronicService,
          confirmedAt: now,
          evidence: { ...p.session.evidence, sessionId: p.session.id },
        }),
      );
      await markServiceRecords(m, p.party.id, 'actedAt', now);
      await recordCaseEvent(this.audit, m, p.actor, p.case, 'PARTY_SERVICE_ADDRESS_CONFIRMED', null, {
        partyId: p.party.id,
        address: confirmation.address,
        email: confirmation.email,
        consentToElectronicService: confirmation.consentElectronic,
        identityEvidence: confirmation.evidence,
      });
      return {
        address: confirmation.address,
        email: confirmation.email,
        phone: maskPhone(confirmation.phone),
        consentToElectronicService: confirmation.consentElectronic,
        confirmedAt: confirmation.confirmedAt,
      };
    });
  }
}

function answerOf(answer: PartyAnswer) {
  return {
    decision: answer.decision,
    decisionLabel: DECISION_LABELS[answer.decision],
    channel: answer.channel,
    answeredOn: answer.answeredOn,
  };
}
