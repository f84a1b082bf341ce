// 调解协议 signed online (在线调解规则: every party and the mediator sign; the agreement takes effect at the last
// signature). The mediator puts the agreement up: it is rendered once, and those exact bytes and their SHA-256 are
// what each party reads and signs (the identity re-checked with a fresh SMS code). The mediator signs last; that
// signature settles the case through the kernel (the outcome recorded as the settlement put up), and the signed
// PDF (the agreement, a signature page, the court's electronic signature over the file) is served on the parties.
// A party who refuses to sign ends the mediation (调解不成, the party declined) with her reason.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { partiesOf } from '../cases/case-finders.js';
import { expectVersion, loadCase } from '../cases/case-access.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { CaseOps, requireWho } from '../cases/case-ops.js';
import { transition } from '../cases/case-state-machine.js';
import type { Case } from '../cases/case.entity.js';
import { PARTY_ROLE_LABELS, type Party } from '../cases/party.entity.js';
import { periodStartBound } from '../cases/procedure.js';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError, RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { maskPhone } from '../common/personal-data.js';
import { Court } from '../courts/court.entity.js';
import type { AgreementDocument } from '../mediation/agreement-pdf.js';
import { agreementParties, mediatorOf } from '../mediation/mediation-agreement.service.js';
import type { SettlementMethod } from '../mediation/mediation-outcome.entity.js';
import type { RecordOutcomeDto } from '../mediation/outcome.dto.js';
import { checkOutcome } from '../mediation/outcome-rules.js';
import { OutcomesService } from '../mediation/outcomes.service.js';
import { MessageSender } from '../messages/message-sender.service.js';
import { ServiceRecord } from '../party/party-online.entities.js';
import { serviceConfirmationsOf } from '../party/party-records.js';
import { PartySessionsService, type PartyPrincipal, type RequestOrigin } from '../party/party-sessions.service.js';
import { CourtSeal } from '../signing/court-seal.js';
import {
  AgreementSignature,
  AgreementSigning,
  SIGNING_STATUS_LABELS,
  type SigningSettlement,
} from './agreement-signing.entities.js';
import {
  AgreementSigningQueries,
  findLatestSigning,
  findOpenSigning,
  findPdfBytes,
  findSignatures,
} from './agreement-signing-queries.js';
import { appendPages } from './append-pages.js';
import type {} from './signature-page.js';
import { DocumentRenderer } from '../common/document-renderer.js';
import { sendPartyLink } from '../party/party-links.js';

const DEFAULT_LINK_DAYS = 15;
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const noAgreement = () => new RuleViolationError('NO_AGREEMENT_TO_SIGN', '本案没有待签署的调解协议');
const agreementChanged = (current: string) =>
  new ConflictError('AGREEMENT_CHANGED', '调解协议的内容已经变更，请重新阅读新的协议文本后再签署', {
    currentSha256: current,
  });
const alreadySigned = () => new ConflictError('ALREADY_SIGNED', '您已签署过这份调解协议');

/** Why a party gets no link to sign (she signs on paper, as before). */
type SkipReason = 'NO_PHONE' | 'ELECTRONIC_SERVICE_DECLINED';
const SKIP_MESSAGES: Record<SkipReason, string> = {
  NO_PHONE: '没有登记手机号，请线下签署',
  ELECTRONIC_SERVICE_DECLINED: '已撤回电子送达同意，请线下签署和送达',
};

interface PutUpInput {
  settlement: unknown;
  difficulty?: unknown;
  version?: number;
}

@Injectable()
export class AgreementSigningService {
  private readonly linkDays: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: AgreementSigningQueries,
    private readonly cases: CaseOps,
    private readonly outcomes: OutcomesService,
    private readonly sessions: PartySessionsService,
    private readonly sender: MessageSender,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly seal: CourtSeal,
    private readonly documents: DocumentRenderer,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.linkDays = options.messages?.partyLinkDays ?? DEFAULT_LINK_DAYS;
  }

  // ---- the mediator's side ----

  /**
   * Puts the agreement up for signature (the case's mediator or the coordinator, while the case may settle): the
   * text is checked as a settlement is, rendered once, and each party with a phone who has not withdrawn consent
   * to electronic service gets a link by SMS. A new text replaces an open one; signatures do not carry over.
   */
  async putUp(actor: Actor, caseId: string, input: PutUpInput) {
    const c = await this.cases.read(actor, caseId);
    requireWho(actor, c, 'settle');
    transition(c, 'settle'); // 409 unless the case may still settle
    expectVersion(c, input.version);
    const now = this.clock.now();
    const dto = settlementDto(input.settlement, input.difficulty);
    const checked = checkOutcome(dto, {
      today: chinaDate(now),
      startedOn: periodStartBound(c),
      procedure: c.procedure,
    });
    if ('errors' in checked) throw new ValidationFailedError(checked.errors);
    if (checked.ok.result !== 'SETTLED') throw noAgreement();
    const settlement = checked.ok.settlement;
    const [court, parties, agents, mediator] = await this.queries.putUpParts(c);
    if (!court.publicUrl) {
      throw new RuleViolationError('COURT_PUBLIC_URL_MISSING', '请先在法院设置中填写平台网址，短信中的链接要用到它');
    }
    const document: AgreementDocument = {
      courtName: court.name,
      caseNumber: c.prelitigationNumber,
      caseType: c.caseType,
      claims: c.claims,
      parties: agreementParties(parties, agents),
      agreement: settlement.agreement,
      amount: formatYuan(settlement.amountFen.toString()),
      method: settlement.method as SettlementMethod,
      performanceDueOn: settlement.performanceDueOn,
      agreedOn: chinaDate(now),
      mediatorName: mediator.name,
      organizationName: mediator.organization,
    };
    const pdf = await this.documents.render('agreement', document);
    const sha256 = sha256Of(pdf);
    const stored: SigningSettlement = {
      method: settlement.method,
      agreement: settlement.agreement,
      amount: formatYuan(settlement.amountFen.toString()),
      ...(settlement.performanceDueOn ? { performanceDueOn: settlement.performanceDueOn } : {}),
      ...(typeof input.difficulty === 'string' ? { difficulty: input.difficulty } : {}),
    };
    const result = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [c.id]);
      const replaced = await m.update(
        AgreementSigning,
        { caseId: c.id, status: 'OPEN' },
        { status: 'REPLACED', closedAt: now },
      );
      const signing = await m.save(
        m.create(AgreementSigning, {
          courtId: c.courtId,
          caseId: c.id,
          settlement: stored,
          pdf,
          sha256,
          status: 'OPEN',
          createdBy: actor.userId,
          createdAt: now,
        }),
      );
      const confirmations = await serviceConfirmationsOf(m, c.id);
      const invited: { partyId: string; messageId: string }[] = [];
      const skipped: { partyId: string; reason: SkipReason; message: string }[] = [];
      for (const party of parties) {
        const reason: SkipReason | null = !party.phone
          ? 'NO_PHONE'
          : confirmations.get(party.id)?.consentElectronic === false
            ? 'ELECTRONIC_SERVICE_DECLINED'
            : null;
        if (reason) skipped.push({ partyId: party.id, reason, message: SKIP_MESSAGES[reason] });
        else invited.push(await this.linkToSign(m, actor, c, court, party, now));
      }
      await recordCaseEvent(this.audit, m, actor, c, 'AGREEMENT_PUT_UP_FOR_SIGNATURE', null, {
        signingId: signing.id,
        sha256,
        replaced: replaced.affected ?? 0,
        invitations: invited,
        ...(skipped.length > 0 ? { skipped } : {}),
      });
      return { signing, invited, skipped };
    });
    this.sender.dispatchSoon();
    return {
      ...signingView(result.signing, parties, await this.queries.signatures(result.signing.id)),
      invitations: result.invited,
      skipped: result.skipped,
    };
  }

  /** A one-time link to the party page by SMS, like the invitation to answer the notice (same identity check). */
  private async linkToSign(m: EntityManager, actor: Actor, c: Case, court: Court, party: Party, now: Date) {
    const { message } = await sendPartyLink(m, this.sender, {
      actor,
      c,
      court,
      party,
      now,
      linkDays: this.linkDays,
      text: (link, expiresAt) =>
        `【${court.name}】${party.name}，您好：您的调解案件已拟定调解协议，请于${chinaDate(expiresAt)}前打开 ${link} ，` +
        `核验身份后阅读并在线签署（或拒绝签署）。本链接仅限本人使用一次，请勿转发。`,
    });
    return { partyId: party.id, messageId: message.id };
  }

  /** The latest agreement put up on the case, with who has signed (staff: clerk, coordinator, mediator, judge). */
  async view(actor: Actor, caseId: string) {
    const c = await this.cases.read(actor, caseId);
    const signing = await this.queries.latestSigning(c.id);
    if (!signing) throw noAgreement();
    const parties = await this.queries.partiesOfCase(c.id);
    return signingView(signing, parties, await this.queries.signatures(signing.id));
  }

  /**
   * The agreement as put up, or once effective the signed PDF. It carries the parties' full identity numbers, as
   * the 调解协议书 does: each reading by staff is recorded as a personal-data view.
   */
  async pdf(actor: Actor, caseId: string) {
    return this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId);
      const signing = await findLatestSigning(m, c.id);
      if (!signing) throw noAgreement();
      const file = signingFile(c, signing, await findPdfBytes(m, signing.id, pdfColumn(signing)));
      await recordCaseEvent(this.audit, m, actor, c, 'PERSONAL_DATA_VIEWED', null, {
        document: 'MEDIATION_AGREEMENT_SIGNING',
        partyIds: (await partiesOf(m, c.id)).map((p) => p.id),
        fields: ['idNumber'],
      });
      return file;
    });
  }

  /** The mediator's signature: the last one (after every party's), which makes the agreement effective. */
  async mediatorSign(actor: Actor, caseId: string, sha256: string) {
    const result = await this.cases.run(actor, caseId, 'settle', {}, async (m, c) => {
      if (c.mediatorUserId !== actor.userId) {
        throw new ForbiddenError('NOT_ASSIGNED_MEDIATOR', '只有本案的调解员可以签署调解协议');
      }
      const signing = await openSigning(m, c.id, true);
      if (signing.sha256 !== sha256) throw agreementChanged(signing.sha256);
      const [parties, signatures] = await Promise.all([partiesOf(m, c.id), findSignatures(m, signing.id)]);
      const unsigned = parties.filter((p) => !signatures.some((s) => s.partyId === p.id));
      if (unsigned.length > 0) {
        throw new RuleViolationError('PARTIES_NOT_SIGNED', '各方当事人签署后，调解员才能签署', {
          unsignedPartyIds: unsigned.map((p) => p.id),
        });
      }
      const now = this.clock.now();
      const mine = await m.save(
        m.create(AgreementSignature, {
          signingId: signing.id,
          caseId: c.id,
          userId: actor.userId,
          signerName: (await mediatorOf(m, c)).name || actor.displayName,
          signerRole: 'MEDIATOR',
          sha256,
          signedAt: now,
          evidence: { method: 'STAFF_ACCOUNT', username: actor.username, clientAddress: actor.clientAddress ?? null },
        }),
      );
      await recordCaseEvent(this.audit, m, actor, c, 'AGREEMENT_SIGNED', null, {
        signingId: signing.id,
        signer: 'MEDIATOR',
        sha256,
      });
      const outcomeDto = settlementDto(
        {
          method: signing.settlement.method,
          agreement: signing.settlement.agreement,
          amount: signing.settlement.amount,
          ...(signing.settlement.performanceDueOn ? { performanceDueOn: signing.settlement.performanceDueOn } : {}),
        },
        signing.settlement.difficulty,
      );
      const outcome = await this.outcomes.stepWork(actor, outcomeDto, signing.createdBy)(m, c);
      const signedPdf = await this.signedPdf(m, c, signing, [...signatures, mine], now);
      signing.status = 'EFFECTIVE';
      signing.closedAt = now;
      signing.signedSha256 = sha256Of(signedPdf);
      await m.update(
        AgreementSigning,
        { id: signing.id },
        { status: 'EFFECTIVE', closedAt: now, signedPdf, signedSha256: signing.signedSha256 },
      );
      const served = await this.serve(m, c, signing, parties, now);
      return {
        details: { ...outcome.details, signingId: signing.id, sha256, signedSha256: signing.signedSha256, served },
        result: (saved: Case) => ({
          ...outcome.result(saved),
          signing: { id: signing.id, status: 'EFFECTIVE', effectiveAt: now, signedSha256: signing.signedSha256 },
          served,
        }),
      };
    });
    this.sender.dispatchSoon();
    return result;
  }

  /** The agreement's pages, the signature page, and the court's electronic signature over the file. */
  private async signedPdf(m: EntityManager, c: Case, signing: AgreementSigning, all: AgreementSignature[], at: Date) {
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    const original = await findPdfBytes(m, signing.id, 'pdf');
    const page = await this.documents.render('signature-page', {
      courtName: court.name,
      caseNumber: c.prelitigationNumber,
      agreementSha256: signing.sha256,
      effectiveAt: at,
      signatures: all.map((s) => ({
        roleLabel: s.signerRole === 'MEDIATOR' ? '调解员' : PARTY_ROLE_LABELS[s.signerRole as Party['role']],
        name: s.signerName,
        signedAt: s.signedAt,
        sha256: s.sha256,
        method:
          s.signerRole === 'MEDIATOR'
            ? `调解员账号 ${String(s.evidence.username ?? '')}`
            : `姓名、证件号后六位及短信验证码（${String(s.evidence.stepCodeSentTo ?? '')}）`,
      })),
      seal: this.seal.certificate,
    });
    return this.seal.sign(
      await appendPages(original, page),
      {
        name: court.name,
        reason: `调解协议书（${c.prelitigationNumber ?? c.id}）在线签署生效`,
        location: court.address ?? court.name,
        contactInfo: court.phone ?? '',
      },
      at,
    );
  }

  /**
   * 送达: the signed agreement on the platform, with an SMS to each party who consents to electronic service;
   * a party who withdrew consent is not served online (the clerk serves her on paper).
   */
  private async serve(m: EntityManager, c: Case, signing: AgreementSigning, parties: Party[], now: Date) {
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    const confirmations = await serviceConfirmationsOf(m, c.id);
    const served: { partyId: string; channel: 'PLATFORM' | null; reason?: SkipReason }[] = [];
    for (const party of parties) {
      const consent = confirmations.get(party.id)?.consentElectronic;
      if (consent === false || !party.phone) {
        served.push({
          partyId: party.id,
          channel: null,
          reason: !party.phone ? 'NO_PHONE' : 'ELECTRONIC_SERVICE_DECLINED',
        });
        continue;
      }
      const message = await this.sender.enqueue(m, {
        courtId: c.courtId,
        caseId: c.id,
        partyId: party.id,
        channel: 'SMS',
        recipient: party.phone,
        body:
          `【${court.name}】${party.name}，您好：您参与的调解协议已经各方签署生效，本院已通过诉讼服务平台向您送达` +
          `《调解协议书》（${c.prelitigationNumber ?? ''}），请通过法院短信中的链接登录查看。`,
        purpose: 'DOCUMENT_SERVED',
      });
      await m.insert(ServiceRecord, {
        courtId: c.courtId,
        caseId: c.id,
        partyId: party.id,
        documentKind: 'MEDIATION_AGREEMENT',
        documentId: signing.id,
        channel: 'PLATFORM',
        messageId: message.id,
        addressConfirmed: consent === true,
        sentAt: now,
      });
      served.push({ partyId: party.id, channel: 'PLATFORM' });
    }
    return served;
  }

  // ---- the party's side ----

  /** The agreement for the party: its hash, whether she signed, who else has; what she may do. */
  async forParty(p: PartyPrincipal) {
    const signing = await this.queries.latestSigning(p.case.id);
    if (!signing || signing.status === 'REPLACED') return { agreement: null };
    const signatures = await this.queries.signatures(signing.id);
    const mine = signatures.find((s) => s.partyId === p.party.id) ?? null;
    return {
      agreement: {
        status: signing.status,
        statusLabel: SIGNING_STATUS_LABELS[signing.status],
        sha256: signing.sha256,
        putUpAt: signing.createdAt,
        effectiveAt: signing.status === 'EFFECTIVE' ? signing.closedAt : null,
        pdfUrl: '/api/v1/party/agreement/pdf',
        settlement: {
          agreement: signing.settlement.agreement,
          amount: signing.settlement.amount,
          performanceDueOn: signing.settlement.performanceDueOn ?? null,
        },
        signedByYou: mine ? { signedAt: mine.signedAt, sha256: mine.sha256 } : null,
        signatures: signatures.map((s) => ({
          signerRole: s.signerRole,
          signerRoleLabel: s.signerRole === 'MEDIATOR' ? '调解员' : PARTY_ROLE_LABELS[s.signerRole as Party['role']],
          signerName: s.signerName,
          signedAt: s.signedAt,
        })),
        canSign: signing.status === 'OPEN' && !mine,
        refusal: signing.refusal
          ? {
              reason: signing.refusal.reason,
              refusedAt: signing.refusal.refusedAt,
              byYou: signing.refusal.partyId === p.party.id,
            }
          : null,
      },
    };
  }

  /** The party's copy: not a replaced agreement; once effective the signed one, its opening kept on the service. */
  async partyPdf(p: PartyPrincipal) {
    const signing = await this.queries.latestSigning(p.case.id);
    if (!signing || signing.status === 'REPLACED') throw noAgreement();
    const file = signingFile(p.case, signing, await this.queries.pdfBytes(signing.id, pdfColumn(signing)));
    if (file.signed) {
      await this.dataSource.manager.update(
        ServiceRecord,
        { partyId: p.party.id, documentKind: 'MEDIATION_AGREEMENT', documentId: signing.id, openedAt: IsNull() },
        { openedAt: this.clock.now() },
      );
    }
    return file;
  }

  /** A fresh code to sign with (the identity re-checked at this step). */
  async sendSigningCode(p: PartyPrincipal, origin: RequestOrigin) {
    const signing = await this.queries.openSigning(p.case.id);
    if (!signing) throw noAgreement();
    if ((await this.queries.signatures(signing.id)).some((s) => s.partyId === p.party.id)) throw alreadySigned();
    return this.sessions.sendStepCode(p, origin, '签署调解协议');
  }

  /**
   * The party signs the agreement whose hash she read: a different hash is refused (409 AGREEMENT_CHANGED) before
   * the code is used; the code is checked (wrong: counted); then the signature is kept with the evidence.
   */
  async partySign(p: PartyPrincipal, input: { code: string; sha256: string }) {
    const current = await this.queries.openSigning(p.case.id);
    if (!current) throw noAgreement();
    if (current.sha256 !== input.sha256) throw agreementChanged(current.sha256);
    if ((await this.queries.signatures(current.id)).some((s) => s.partyId === p.party.id)) throw alreadySigned();
    const evidence = await this.sessions.checkStepCode(p, input.code);
    return this.dataSource.transaction(async (m) => {
      const signing = await openSigning(m, p.case.id, true);
      if (signing.sha256 !== input.sha256) throw agreementChanged(signing.sha256);
      if ((await findSignatures(m, signing.id)).some((s) => s.partyId === p.party.id)) throw alreadySigned();
      const now = this.clock.now();
      const signature = await m.save(
        m.create(AgreementSignature, {
          signingId: signing.id,
          caseId: p.case.id,
          partyId: p.party.id,
          signerName: p.party.name,
          signerRole: p.party.role,
          sha256: input.sha256,
          signedAt: now,
          evidence,
        }),
      );
      await recordCaseEvent(this.audit, m, p.actor, p.case, 'AGREEMENT_SIGNED', null, {
        signingId: signing.id,
        signer: 'PARTY',
        partyId: p.party.id,
        sha256: input.sha256,
        identityEvidence: evidence,
      });
      return { signedAt: signature.signedAt, sha256: signature.sha256, signingId: signing.id };
    });
  }

  /** 拒绝签署: the mediation ends as failed (the party declined), with her reason, through the kernel's step. */
  async partyRefuse(p: PartyPrincipal, reason: string) {
    return this.cases.run(p.actor, p.case.id, 'fail', {}, async (m, c) => {
      const signing = await openSigning(m, c.id, true);
      if ((await findSignatures(m, signing.id)).some((s) => s.partyId === p.party.id)) throw alreadySigned();
      const now = this.clock.now();
      const evidence = { ...p.session.evidence, sessionId: p.session.id };
      const refusal = {
        partyId: p.party.id,
        partyName: p.party.name,
        reason: reason.trim(),
        refusedAt: now.toISOString(),
        identityEvidence: evidence,
      };
      await m.update(AgreementSigning, { id: signing.id }, { status: 'REFUSED', closedAt: now, refusal });
      const dto = {
        result: 'FAILED',
        failureReason: 'PARTY_DECLINED',
        failureReasonText: `${p.party.name}拒绝签署调解协议：${refusal.reason}`.slice(0, 500),
        undisputedFacts: '当事人在线拒绝签署调解协议，调解终结；无争议事实未经各方确认。',
        ...(signing.settlement.difficulty ? { difficulty: signing.settlement.difficulty } : {}),
      } as RecordOutcomeDto;
      // The outcome row names a staff user: the one who put the agreement up; the history names the party.
      const outcome = await this.outcomes.stepWork(p.actor, dto, signing.createdBy)(m, c);
      return {
        details: {
          ...outcome.details,
          signingId: signing.id,
          refusedBy: p.party.id,
          reason: refusal.reason,
          identityEvidence: evidence,
        },
        result: (saved: Case) => ({ caseStatus: saved.status, refusedAt: now, reason: refusal.reason }),
      };
    });
  }
}

function settlementDto(settlement: unknown, difficulty: unknown): RecordOutcomeDto {
  return {
    result: 'SETTLED',
    settlement,
    ...(difficulty !== undefined ? { difficulty } : {}),
  } as RecordOutcomeDto;
}

/** The open agreement in the caller's transaction (locked with `lock`); 422 NO_AGREEMENT_TO_SIGN when none. */
async function openSigning(m: EntityManager, caseId: string, lock: boolean): Promise<AgreementSigning> {
  const signing = await findOpenSigning(m, caseId, lock);
  if (!signing) throw noAgreement();
  return signing;
}

/** Which PDF of an agreement is served: the signed one once it is effective, else the one put up. */
function pdfColumn(signing: AgreementSigning): 'pdf' | 'signedPdf' {
  return signing.status === 'EFFECTIVE' ? 'signedPdf' : 'pdf';
}

/** The agreement's file as served: its bytes (pdfColumn's) and its name. */
function signingFile(
  c: Case,
  signing: AgreementSigning,
  pdf: Buffer,
): { pdf: Buffer; filename: string; signed: boolean } {
  const signed = signing.status === 'EFFECTIVE';
  return {
    pdf,
    filename: `调解协议书${c.prelitigationNumber ?? ''}${signed ? '（已签署）' : '（待签署）'}.pdf`,
    signed,
  };
}

/** The agreement as staff see it: its state, and each party's signature (or none yet) beside the party. */
function signingView(signing: AgreementSigning, parties: Party[], signatures: AgreementSignature[]) {
  return {
    id: signing.id,
    status: signing.status,
    statusLabel: SIGNING_STATUS_LABELS[signing.status],
    sha256: signing.sha256,
    putUpAt: signing.createdAt,
    closedAt: signing.closedAt,
    signedSha256: signing.signedSha256,
    settlement: signing.settlement,
    refusal: signing.refusal
      ? {
          partyId: signing.refusal.partyId,
          partyName: signing.refusal.partyName,
          reason: signing.refusal.reason,
          refusedAt: signing.refusal.refusedAt,
        }
      : null,
    parties: parties.map((party) => {
      const s = signatures.find((x) => x.partyId === party.id);
      return {
        partyId: party.id,
        name: party.name,
        roleLabel: PARTY_ROLE_LABELS[party.role],
        phone: maskPhone(party.phone),
        signedAt: s?.signedAt ?? null,
        sha256: s?.sha256 ?? null,
      };
    }),
    mediatorSignedAt: signatures.find((s) => s.signerRole === 'MEDIATOR')?.signedAt ?? null,
  };
}
