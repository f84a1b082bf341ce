import { Inject, Injectable } from '@nestjs/common';
import { hasRole, type Actor } from '../common/actor.js';
import { AuditQueries } from '../audit/audit-queries.js';
import { AuditService, auditEventView } from '../audit/audit.service.js';
import { chinaDate, chinaDateTime, isIsoDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '../common/cursor.js';
import { ForbiddenError } from '../common/errors.js';
import { maskIdNumber } from '../common/personal-data.js';
import { formatYuan } from '../common/money.js';
import { CaseOps } from '../cases/case-ops.js';
import { caseEventEntry } from '../cases/case-history.js';
import { CaseReader } from '../cases/case-reader.service.js';
import type { Case } from '../cases/case.entity.js';
import { Party, PARTY_ROLE_LABELS } from '../cases/party.entity.js';
import { CONSULTATION_CONFIG, type ConsultationConfig } from './consultation-config.js';
import type { ConsultationLetter } from './consultation-letter.entity.js';
import { ConsultationQueries, type LetterFilter } from './consultation-queries.js';
import {
  ASSESSMENT_LABELS,
  canSeeLetter,
  isOverdue,
  LETTER_SUBJECT,
  PRIORITY_LABELS,
  type Assessment,
} from './consultation-rules.js';
import { DocumentRenderer } from '../common/document-renderer.js';
import { letterDetailView, letterSummaryView } from './consultation-view.js';
import type { Box, ListConsultationsQuery } from './consultation.dto.js';

const isRank = (v: unknown) => v === 0 || v === 1;
const isTimestamp = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** A current reply as the mediation module shows it on the settlement form. */
interface CaseOpinion {
  letterId: string;
  letterNumber: string;
  replyVersion: number;
  assessment: Assessment;
  assessmentLabel: string;
  opinion: string;
  suggestions: string[];
  repliedAt: Date;
}

/** Reading letters: boxes, one letter, a case's letters, the opinions in force. */
@Injectable()
export class ConsultationReadService {
  constructor(
    private readonly queries: ConsultationQueries,
    private readonly cases: CaseOps,
    private readonly caseReader: CaseReader,
    @Inject(CONSULTATION_CONFIG) private readonly config: ConsultationConfig,
    private readonly audit: AuditService,
    private readonly auditQueries: AuditQueries,
    private readonly clock: Clock,
    private readonly documents: DocumentRenderer,
  ) {}

  private today(): string {
    return chinaDate(this.clock.now());
  }

  /** The standard questions and suggestions, and the reply periods, for the forms. */
  formOptions() {
    return {
      standardQuestions: this.config.standardQuestions,
      standardSuggestions: this.config.standardSuggestions,
      replyWorkingDays: this.config.replyWorkingDays,
    };
  }

  /**
   * 收件箱 (the bureau: every letter of the court, overdue first, then by due date)
   * or 发件箱 (the sender's division, newest first).
   */
  async list(actor: Actor, query: ListConsultationsQuery) {
    const box: Box = query.box ?? (hasRole(actor, 'ENFORCEMENT') ? 'inbox' : 'outbox');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const today = this.today();
    const filter: LetterFilter = { courtId: actor.courtId, today, status: query.status };
    const { letters, keyOf } =
      box === 'inbox'
        ? await this.inbox(actor, filter, query.cursor, limit + 1)
        : await this.outbox(actor, filter, query.cursor, limit + 1);
    const refs = await this.queries.letterRefs(letters);
    return toPage(letters, limit, keyOf, (l) => letterSummaryView(l, refs, today));
  }

  /** The inbox's letters (for the bureau only), and the sort key of a row for the cursor. */
  private async inbox(actor: Actor, filter: LetterFilter, cursor: string | undefined, take: number) {
    if (!hasRole(actor, 'ENFORCEMENT')) {
      throw new ForbiddenError('INBOX_FOR_ENFORCEMENT_ONLY', '收件箱仅供执行局查看');
    }
    const after = cursor ? decodeCursor(cursor, [isRank, isIsoDate, isUuid]) : undefined;
    const keyOf = (l: ConsultationLetter) => [isOverdue(l, filter.today) ? 0 : 1, l.dueOn, l.id];
    return { letters: await this.queries.inboxLetters(filter, after, take), keyOf };
  }

  /** The outbox's letters (the sender's division), and the sort key of a row for the cursor. */
  private async outbox(actor: Actor, filter: LetterFilter, cursor: string | undefined, take: number) {
    if (!hasRole(actor, 'JUDGE', 'COORDINATOR') || !actor.divisionId) {
      throw new ForbiddenError('OUTBOX_FOR_SENDERS_ONLY', '发件箱仅供发函部门的法官和诉调对接中心查看');
    }
    const before = cursor ? decodeCursor(cursor, [isTimestamp, isUuid]) : undefined;
    const keyOf = (l: ConsultationLetter) => [l.sentAt.toISOString(), l.id];
    return { letters: await this.queries.outboxLetters(filter, actor.divisionId, before, take), keyOf };
  }

  /** One letter with its attachments and every reply version. */
  async get(actor: Actor, id: string) {
    const { letter } = await this.queries.visibleLetter(actor, id);
    return this.detail(letter);
  }

  private async detail(letter: ConsultationLetter) {
    const [refs, attachments] = await Promise.all([
      this.queries.letterRefs([letter]),
      this.queries.attachments(letter.id),
    ]);
    return letterDetailView(letter, refs, attachments, this.today());
  }

  /** Who the letter is about (the page shows them beside the letter). */
  async letterParties(actor: Actor, id: string): Promise<LetterParties> {
    const { letter, c } = await this.queries.visibleLetter(actor, id);
    return this.partiesOf(actor, letter, c);
  }

  /**
   * The parties as the bureau needs them to search for assets: full names, identity numbers or credit codes,
   * addresses, and the claim. The bureau the letter is addressed to reads the resident ID numbers in full, each
   * reading recorded in the case's history (查看个人信息留痕, one INSERT of its own); everyone else sees them masked.
   */
  private async partiesOf(actor: Actor, letter: ConsultationLetter, c: Case): Promise<LetterParties> {
    const parties = await this.caseReader.partiesOf(c.id);
    const full = hasRole(actor, 'ENFORCEMENT');
    if (full) {
      await this.audit.recordStandalone(
        actor,
        caseEventEntry(c, 'PERSONAL_DATA_VIEWED', null, {
          document: 'CONSULTATION_LETTER',
          letterId: letter.id,
          partyIds: parties.map((p) => p.id),
          fields: ['idNumber', 'address'],
        }),
      );
    }
    return {
      claimAmount: formatYuan(c.claimAmountFen),
      parties: parties.map((p) => ({
        role: p.role,
        roleLabel: PARTY_ROLE_LABELS[p.role],
        name: p.name,
        identity:
          p.kind === 'PERSON'
            ? p.idNumber && `公民身份号码 ${full ? p.idNumber : maskIdNumber(p.idNumber)}`
            : p.creditCode && `统一社会信用代码 ${p.creditCode}`,
        legalRepresentative: p.kind === 'ORGANIZATION' ? p.legalRepresentative : null,
        address: p.address,
        serviceAddress: p.serviceAddress,
      })),
    };
  }

  /** The printable letter with its current reply. */
  async pdf(actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
    const { letter, c } = await this.queries.visibleLetter(actor, id);
    const [detail, court, identified] = await Promise.all([
      this.detail(letter),
      this.queries.court(letter.courtId),
      this.partiesOf(actor, letter, c),
    ]);
    const reply = detail.currentReply;
    const content = await this.documents.render('consultation', {
      courtName: court.name,
      letterNumber: letter.letterNumber,
      caseNumber: detail.caseNumber,
      caseType: c.caseType,
      claimAmount: identified.claimAmount,
      parties: identified.parties.map(partyParticulars),
      senderName: detail.sender.name ?? '',
      divisionName: detail.sender.divisionName ?? '',
      sentAt: chinaDateTime(letter.sentAt),
      priorityLabel: PRIORITY_LABELS[letter.priority],
      dueOn: letter.dueOn,
      questions: letter.questions,
      otherQuestion: letter.otherQuestion,
      attachmentNames: detail.attachments.map((a) => a.originalName),
      reply: reply && {
        assessmentLabel: reply.assessmentLabel,
        opinion: reply.opinion,
        suggestions: reply.suggestions,
        officerName: reply.officer.name ?? '',
        repliedAt: chinaDateTime(reply.repliedAt),
        version: reply.version,
        correctionReason: reply.correctionReason,
        overdue: detail.overdue,
      },
    });
    return { fileName: `执行咨询函${letter.letterNumber}.pdf`, content };
  }

  /** The letter's own history (sent, attachments, replies, corrections, escalations). */
  async events(actor: Actor, id: string) {
    const { letter } = await this.queries.visibleLetter(actor, id);
    const events = await this.auditQueries.subjectHistory(actor, LETTER_SUBJECT, letter.id);
    return events.map(auditEventView);
  }

  /** For the case page: the case's letters the actor may see, oldest first, each with its current reply. */
  async forCase(actor: Actor, caseId: string) {
    return this.forLoadedCase(actor, await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async forLoadedCase(actor: Actor, c: Case) {
    const letters = (await this.queries.lettersOfCase(c.id)).filter((l) =>
      canSeeLetter(actor, { ...l, caseMediatorUserId: c.mediatorUserId }),
    );
    const refs = await this.queries.letterRefs(letters);
    const today = this.today();
    return { items: letters.map((l) => letterSummaryView(l, refs, today)) };
  }

  /**
   * The replies in force for a case's letters, newest first. For other modules
   * (the settlement form shows 难以执行 / 部分可执行 opinions): the caller has
   * already checked the actor's access to the case.
   */
  async latestOpinionsForCase(caseId: string): Promise<CaseOpinion[]> {
    const rows = await this.queries.currentReplies(caseId);
    return rows.map((row) => ({
      letterId: row.letter_id,
      letterNumber: row.letter_number,
      replyVersion: row.version,
      assessment: row.assessment,
      assessmentLabel: ASSESSMENT_LABELS[row.assessment],
      opinion: row.opinion,
      suggestions: row.suggestions,
      repliedAt: row.replied_at,
    }));
  }
}

interface LetterParty {
  role: Party['role'];
  roleLabel: string;
  name: string;
  identity: string | null;
  legalRepresentative: string | null;
  address: string | null;
  serviceAddress: string | null;
}

interface LetterParties {
  /** Yuan, two decimals. */
  claimAmount: string;
  parties: LetterParty[];
}

/** "被申请人（被告）：李四，公民身份号码 …，住址 …" for the printed letter. */
function partyParticulars(p: LetterParty): string {
  const details = [
    p.identity,
    p.legalRepresentative && `法定代表人 ${p.legalRepresentative}`,
    p.address && `住址 ${p.address}`,
    p.serviceAddress && p.serviceAddress !== p.address && `送达地址 ${p.serviceAddress}`,
  ].filter(Boolean);
  return `${p.roleLabel}：${[p.name, ...details].join('，')}`;
}
