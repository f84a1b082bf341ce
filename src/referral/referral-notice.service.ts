import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import type { Actor } from '../common/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { CalendarYearUnknownError } from '../calendar/holiday-schedule.js';
import { addDays, chinaDate, dayOfWeek, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { NotFoundError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { CaseOps } from '../cases/case-ops.js';
import { caseView } from '../cases/case-view.js';
import type { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import { requireReachableDefendants } from '../intake/service-address.js';
import { nextNoticeNumber } from './notice-number.js';
import { DocumentRenderer, type DocumentTask } from '../common/document-renderer.js';
import { NoticeRulesService, overrideFor } from './notice-rules.service.js';
import { buildNoticeContent, TEMPLATE_LABELS, type NoticeContact } from './notice-text.js';
import { hashRatingCode, ratingCodeFor } from './rating-code.js';
import { ReferralNotice } from './referral-notice.entity.js';
import { ReferralQueries } from './referral-queries.js';
import { partiesOf } from '../cases/case-finders.js';
import { loadCase } from '../cases/case-access.js';
import { recordCaseEvent, recordDocumentPrinted } from '../cases/case-history.js';
import { AuditService } from '../audit/audit.service.js';
import { FILE_COPY_CODE_NOTE, USED_CODE_NOTE } from './notice-copies.js';
import { agentLinesByParty, agentsOf } from '../cases/party-agent.entity.js';

interface IssueNoticeInput {
  overrideReason?: string;
  version?: number;
}

const noticeNotFound = () => new NotFoundError('NOTICE_NOT_FOUND', '告知书不存在，或您无权查看');
const partyNotOnNotice = () => new NotFoundError('PARTY_NOT_FOUND', '这份告知书上没有这名当事人');

/** The parties among `partyIds` whose rating code has been used. */
async function usedRatingCodes(m: EntityManager, partyIds: string[]): Promise<Set<string>> {
  const rows: { party_id: string }[] = await m.query(
    `SELECT party_id FROM party_rating_codes WHERE party_id = ANY($1::uuid[]) AND used_at IS NOT NULL`,
    [partyIds],
  );
  return new Set(rows.map((r) => r.party_id));
}

function noticeView(notice: ReferralNotice) {
  return {
    id: notice.id,
    caseId: notice.caseId,
    noticeVersion: notice.noticeVersion,
    number: notice.number,
    template: notice.template,
    templateLabel: TEMPLATE_LABELS[notice.template],
    /** 《先行调解告知书》, 《诉前引导告知书》 or 《诉前调解告知书》, by the case's procedure. */
    title: notice.content.title,
    overrideReason: notice.overrideReason,
    issuedBy: notice.issuedBy,
    issuedByName: notice.content.issuedByName,
    issuedAt: notice.issuedAt,
    issuedOn: notice.content.issuedOn,
    pdfUrl: `/api/v1/notices/${notice.id}/pdf`,
    serviceCopiesUrl: `/api/v1/notices/${notice.id}/service-copies/pdf`,
  };
}

/** The notice to the parties (先行调解, 诉前引导 or 诉前调解告知书): issuing (and re-issuing) it, listing and printing it. */
@Injectable()
export class ReferralNoticeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: ReferralQueries,
    @Inject(APP_OPTIONS) private readonly options: AppOptions,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly rules: NoticeRulesService,
    private readonly calendar: CalendarService,
    private readonly documents: DocumentRenderer,
    private readonly audit: AuditService,
  ) {}

  /** REGISTERED (or NOTICE_ISSUED, for a new version) -> NOTICE_ISSUED, with a numbered notice and rating codes. */
  async issue(actor: Actor, caseId: string, input: IssueNoticeInput) {
    return this.cases.run(actor, caseId, 'issueNotice', { version: input.version }, async (m, c) => {
      const rule = await this.rules.ruleFor(m, c.courtId, c.caseType);
      const overrideReason = overrideFor(rule, input.overrideReason);

      const now = this.clock.now();
      const parties = await partiesOf(m, c.id);
      requireReachableDefendants(parties);
      const notice = await this.createNotice(m, actor, c, parties, {
        template: rule.noticeTemplate,
        overrideReason,
        now,
      });
      await this.createRatingCodes(m, c, parties);
      c.noticeIssuedAt = now;
      return {
        details: {
          noticeId: notice.id,
          number: notice.number,
          noticeVersion: notice.noticeVersion,
          template: notice.template,
          ...(overrideReason ? { unsuitableReason: rule.unsuitableReason, overrideReason } : {}),
        },
        result: (saved) => ({ ...noticeView(notice), case: caseView(saved) }),
      };
    });
  }

  private async createNotice(
    m: EntityManager,
    actor: Actor,
    c: Case,
    parties: Party[],
    options: { template: ReferralNotice['template']; overrideReason: string | null; now: Date },
  ): Promise<ReferralNotice> {
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    const issuedOn = chinaDate(options.now);
    const number = await nextNoticeNumber(m, court, yearOf(issuedOn));
    const noticeVersion = (await m.count(ReferralNotice, { where: { caseId: c.id } })) + 1;
    const content = buildNoticeContent({
      courtName: court.name,
      number,
      template: options.template,
      caseType: c.caseType,
      claimAmountFen: c.claimAmountFen,
      claims: c.claims,
      issuedOn,
      issuedByName: actor.displayName,
      contact: await this.contactOf(court, issuedOn),
      procedure: c.procedure,
      trialProcedure: c.trialProcedure,
      filingNumber: c.filingNumber,
      parties,
      agentLines: agentLinesByParty(await agentsOf(m, c.id)),
    });
    return m.save(
      m.create(ReferralNotice, {
        caseId: c.id,
        courtId: c.courtId,
        noticeVersion,
        number,
        template: options.template,
        content,
        overrideReason: options.overrideReason,
        issuedBy: actor.userId,
        issuedAt: options.now,
      }),
    );
  }

  /** The court's phone and address, the reply deadline and the rating page, as printed on the notice. */
  private async contactOf(court: Court, issuedOn: string): Promise<NoticeContact> {
    const reply = await this.replyDeadline(issuedOn, court.noticeReplyDays);
    return {
      phone: court.phone,
      address: court.address,
      replyDays: court.noticeReplyDays,
      replyBy: reply.date,
      replyByProvisional: reply.provisional,
      ratingUrl: court.publicUrl ? `${court.publicUrl}/rate` : null,
    };
  }

  /**
   * A legal period from the day of issue. Reaching into a year whose holidays are not yet published, the notice is
   * still issued: the date is counted with weekends only and printed as 暂定.
   */
  private async replyDeadline(issuedOn: string, days: number): Promise<{ date: string; provisional: boolean }> {
    try {
      return { date: await this.calendar.periodEnd(issuedOn, days), provisional: false };
    } catch (error) {
      if (!(error instanceof CalendarYearUnknownError)) throw error;
      let date = addDays(issuedOn, days);
      while (dayOfWeek(date) === 0 || dayOfWeek(date) === 6) date = addDays(date, 1);
      return { date, provisional: true };
    }
  }

  /** One 群众评价码 per party, stored hashed; a re-issue keeps the codes already given. */
  private async createRatingCodes(m: EntityManager, c: Case, parties: Party[]): Promise<void> {
    const hashes = parties.map((p) => hashRatingCode(ratingCodeFor(this.options.jwtSecret, p.id)));
    // Only a repeat for the same party is skipped: a hash collision must fail loudly, not drop a code.
    await m.query(
      `INSERT INTO party_rating_codes (party_id, case_id, court_id, code_hash)
       SELECT party_id, $2, $3, code_hash FROM unnest($1::uuid[], $4::text[]) AS t (party_id, code_hash)
       ON CONFLICT (party_id) DO NOTHING`,
      [parties.map((p) => p.id), c.id, c.courtId, hashes],
    );
  }

  async list(actor: Actor, caseId: string) {
    return this.listForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async listForCase(c: Case) {
    const notices = await this.queries.notices(c.id);
    return notices.map(noticeView);
  }

  /** The number (告字) of each case's latest notice, for cases already loaded for the actor (a page of them). */
  latestNumbers(actor: Actor, caseIds: readonly string[]): Promise<Map<string, string>> {
    return this.queries.latestNoticeNumbers(actor.courtId, caseIds);
  }

  /**
   * The court's file copy (存档本) of a notice, for whoever reads the case's papers: every party's copy as issued,
   * without any rating code (a code is printed only on the service copy for its party). Recorded in the history.
   */
  async pdf(actor: Actor, noticeId: string): Promise<{ pdf: Buffer; filename: string }> {
    const notice = await this.dataSource.transaction(async (m) => {
      const { notice, c } = await this.noticeOfCase(m, actor, noticeId);
      await recordDocumentPrinted(this.audit, m, actor, c, 'notice', {
        copy: 'FILE',
        noticeId: notice.id,
        number: notice.number,
      });
      return notice;
    });
    const copy = fileCopy(notice);
    return { pdf: await this.documents.renderTask(copy.task), filename: copy.filename };
  }

  /**
   * Every notice of a case already read for the actor, as the court files it (存档本, no rating code), the first
   * issued first: the case's file package (its download is recorded there).
   */
  async printedOfCase(m: EntityManager, c: Pick<Case, 'id'>) {
    const printed: { title: string; pdf: Buffer; filename: string }[] = [];
    for (const copy of await this.fileCopiesOfCase(m, c))
      printed.push({ title: copy.title, filename: copy.filename, pdf: await this.documents.renderTask(copy.task) });
    return printed;
  }

  /** The file copies (存档本) of the case's notices as documents still to render (the stored file package). */
  async fileCopiesOfCase(m: EntityManager, c: Pick<Case, 'id'>) {
    const notices = await m.find(ReferralNotice, { where: { caseId: c.id }, order: { noticeVersion: 'ASC' } });
    return notices.map((notice) => ({ title: notice.content.title, ...fileCopy(notice) }));
  }

  /**
   * The service copies (送达本) the clerk hands over at the window or sends by post: one per party (or only
   * `partyId`'s), each with that party's own 群众评价码, except a code already used. Who printed which party's
   * code, and when, is in the case's history (NOTICE_SERVICE_COPY_PRINTED) before the file goes out.
   */
  async serviceCopiesPdf(actor: Actor, noticeId: string, partyId?: string): Promise<{ pdf: Buffer; filename: string }> {
    const { notice, served, used } = await this.dataSource.transaction(async (m) => {
      const { notice, c } = await this.noticeOfCase(m, actor, noticeId);
      const served = notice.content.parties.filter((p) => partyId === undefined || p.partyId === partyId);
      if (served.length === 0) throw partyNotOnNotice();
      const used = await usedRatingCodes(
        m,
        served.map((p) => p.partyId),
      );
      await recordCaseEvent(this.audit, m, actor, c, 'NOTICE_SERVICE_COPY_PRINTED', null, {
        noticeId: notice.id,
        number: notice.number,
        parties: served.map((p) => ({ partyId: p.partyId, name: p.name, ratingCode: !used.has(p.partyId) })),
      });
      return { notice, served, used };
    });
    const ratingCodes = served
      .filter((p) => !used.has(p.partyId))
      .map((p): [string, string] => [p.partyId, ratingCodeFor(this.options.jwtSecret, p.partyId)]);
    const codeNotes = [...used].map((id): [string, string] => [id, USED_CODE_NOTE]);
    const pdf = await this.documents.render('notice', {
      content: notice.content,
      ratingCodes,
      codeNotes,
      onlyPartyId: partyId,
    });
    const whose = partyId ? served[0].name : '';
    return { pdf, filename: `${notice.content.title}${notice.number}（送达本${whose ? `·${whose}` : ''}）.pdf` };
  }

  /** A notice of the actor's court and its case, as the actor may see it (404 otherwise). */
  private async noticeOfCase(m: EntityManager, actor: Actor, noticeId: string) {
    const notice = await findInCourtOrFail(m, ReferralNotice, actor, noticeId, noticeNotFound);
    const c = await loadCase(m, actor, notice.caseId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? noticeNotFound() : error;
    });
    return { notice, c };
  }

  /** One party's own copy (the party's page online): their answer block and rating code only. */
  async partyCopyPdf(notice: ReferralNotice, partyId: string): Promise<{ pdf: Buffer; filename: string }> {
    const codes = new Map([[partyId, ratingCodeFor(this.options.jwtSecret, partyId)]]);
    const pdf = await this.documents.render('notice', {
      content: notice.content,
      ratingCodes: [...codes],
      onlyPartyId: partyId,
    });
    return { pdf, filename: `${notice.content.title}${notice.number}.pdf` };
  }
}

/** A notice's file copy (存档本): every party's code replaced by the note that codes go with the service copies. */
function fileCopy(notice: ReferralNotice): { task: DocumentTask; filename: string } {
  const codeNotes = notice.content.parties.map((p): [string, string] => [p.partyId, FILE_COPY_CODE_NOTE]);
  return {
    task: { kind: 'notice', model: { content: notice.content, ratingCodes: [], codeNotes } },
    filename: `${notice.content.title}${notice.number}（存档本）.pdf`,
  };
}
