import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { hasRole, type Actor } from '../common/actor.js';
import { AuditQueries } from '../audit/audit-queries.js';
import { AuditService, auditEventView } from '../audit/audit.service.js';
import { chinaDate, chinaDateTime, isIsoDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '../common/cursor.js';
import { ForbiddenError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { maskIdNumber } from '../common/personal-data.js';
import { formatYuan } from '../common/money.js';
import { loadCase } from '../cases/case-access.js';
import { recordCaseEvent } from '../cases/case-history.js';
import type { Case } from '../cases/case.entity.js';
import { Party, PARTY_ROLE_LABELS } from '../cases/party.entity.js';
import { CONSULTATION_CONFIG, type ConsultationConfig } from './consultation-config.js';
import { ConsultationAttachment } from './consultation-attachment.entity.js';
import { ConsultationLetter } from './consultation-letter.entity.js';
import {
  ASSESSMENT_LABELS,
  canSeeLetter,
  isOverdue,
  LETTER_SUBJECT,
  PRIORITY_LABELS,
  type Assessment,
} from './consultation-rules.js';
import { DocumentRenderer } from '../common/document-renderer.js';
import { letterDetailView, letterSummaryView, loadLetterRefs } from './consultation-view.js';
import type { Box, ListConsultationsQuery } from './consultation.dto.js';
import { loadLetter } from './letter-access.js';
import { partiesOf } from '../cases/case-finders.js';

/** 超期 in SQL, the same rule as isOverdue() in consultation-rules.ts. */
const OVERDUE_SQL = `((l.status = 'SENT' AND l.due_on < :today) OR (l.status = 'REPLIED' AND l.replied_on > l.due_on))`;
const OVERDUE_RANK_SQL = `(CASE WHEN ${OVERDUE_SQL} THEN 0 ELSE 1 END)`;

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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    const qb = this.dataSource
      .getRepository(ConsultationLetter)
      .createQueryBuilder('l')
      .where('l.court_id = :courtId', { courtId: actor.courtId })
      .setParameter('today', today);
    if (query.status === 'OVERDUE') qb.andWhere(OVERDUE_SQL);
    else if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    const keyOf =
      box === 'inbox' ? this.scopeToInbox(actor, qb, today, query.cursor) : this.scopeToOutbox(actor, qb, query.cursor);
    const letters = await qb.limit(limit + 1).getMany();
    const refs = await loadLetterRefs(this.dataSource.manager, letters);
    return toPage(letters, limit, keyOf, (l) => letterSummaryView(l, refs, today));
  }

  /** Restricts and orders the query as the inbox; returns the sort key of a row for the cursor. */
  private scopeToInbox(actor: Actor, qb: SelectQueryBuilder<ConsultationLetter>, today: string, cursor?: string) {
    if (!hasRole(actor, 'ENFORCEMENT')) {
      throw new ForbiddenError('INBOX_FOR_ENFORCEMENT_ONLY', '收件箱仅供执行局查看');
    }
    if (cursor) {
      const [rank, dueOn, id] = decodeCursor(cursor, [isRank, isIsoDate, isUuid]);
      qb.andWhere(`(${OVERDUE_RANK_SQL}, l.due_on, l.id) > (:rank, :dueOn, :id)`, { rank, dueOn, id });
    }
    qb.orderBy(OVERDUE_RANK_SQL, 'ASC').addOrderBy('l.due_on', 'ASC').addOrderBy('l.id', 'ASC');
    return (l: ConsultationLetter) => [isOverdue(l, today) ? 0 : 1, l.dueOn, l.id];
  }

  /** Restricts and orders the query as the outbox; returns the sort key of a row for the cursor. */
  private scopeToOutbox(actor: Actor, qb: SelectQueryBuilder<ConsultationLetter>, cursor?: string) {
    if (!hasRole(actor, 'JUDGE', 'COORDINATOR') || !actor.divisionId) {
      throw new ForbiddenError('OUTBOX_FOR_SENDERS_ONLY', '发件箱仅供发函部门的法官和诉调对接中心查看');
    }
    qb.andWhere('l.sender_division_id = :divisionId', { divisionId: actor.divisionId });
    if (cursor) {
      const [sentAt, id] = decodeCursor(cursor, [isTimestamp, isUuid]);
      qb.andWhere('(l.sent_at, l.id) < (:sentAt, :id)', { sentAt, id });
    }
    qb.orderBy('l.sent_at', 'DESC').addOrderBy('l.id', 'DESC');
    return (l: ConsultationLetter) => [l.sentAt.toISOString(), l.id];
  }

  /** One letter with its attachments and every reply version. */
  async get(actor: Actor, id: string) {
    const m = this.dataSource.manager;
    const { letter } = await loadLetter(m, actor, id);
    return this.detail(m, letter);
  }

  private async detail(m: EntityManager, letter: ConsultationLetter) {
    const [refs, attachments] = await Promise.all([
      loadLetterRefs(m, [letter]),
      m.find(ConsultationAttachment, { where: { letterId: letter.id }, order: { uploadedAt: 'ASC', id: 'ASC' } }),
    ]);
    return letterDetailView(letter, refs, attachments, this.today());
  }

  /** Who the letter is about (the page shows them beside the letter). */
  async letterParties(actor: Actor, id: string): Promise<LetterParties> {
    const m = this.dataSource.manager;
    const { letter, c } = await loadLetter(m, actor, id);
    return this.partiesOf(m, actor, letter, c);
  }

  /**
   * The parties as the bureau needs them to search for assets: full names, identity numbers or credit codes,
   * addresses, and the claim. The bureau the letter is addressed to reads the resident ID numbers in full, each
   * reading recorded in the case's history (查看个人信息留痕); everyone else sees them masked.
   */
  private async partiesOf(m: EntityManager, actor: Actor, letter: ConsultationLetter, c: Case): Promise<LetterParties> {
    const parties = await partiesOf(m, c.id);
    const full = hasRole(actor, 'ENFORCEMENT');
    if (full) {
      await recordCaseEvent(this.audit, m, actor, c, 'PERSONAL_DATA_VIEWED', null, {
        document: 'CONSULTATION_LETTER',
        letterId: letter.id,
        partyIds: parties.map((p) => p.id),
        fields: ['idNumber', 'address'],
      });
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
    const m = this.dataSource.manager;
    const { letter, c } = await loadLetter(m, actor, id);
    const [detail, court, identified] = await Promise.all([
      this.detail(m, letter),
      m.findOneByOrFail(Court, { id: letter.courtId }),
      this.partiesOf(m, actor, letter, c),
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
    const { letter } = await loadLetter(this.dataSource.manager, actor, id);
    const events = await this.auditQueries.subjectHistory(actor, LETTER_SUBJECT, letter.id);
    return events.map(auditEventView);
  }

  /** For the case page: the case's letters the actor may see, oldest first, each with its current reply. */
  async forCase(actor: Actor, caseId: string) {
    return this.forLoadedCase(actor, await loadCase(this.dataSource.manager, actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async forLoadedCase(actor: Actor, c: Case) {
    const m = this.dataSource.manager;
    const letters = (
      await m.find(ConsultationLetter, { where: { caseId: c.id }, order: { sentAt: 'ASC', id: 'ASC' } })
    ).filter((l) => canSeeLetter(actor, { ...l, caseMediatorUserId: c.mediatorUserId }));
    const refs = await loadLetterRefs(m, letters);
    const today = this.today();
    return { items: letters.map((l) => letterSummaryView(l, refs, today)) };
  }

  /**
   * The replies in force for a case's letters, newest first. For other modules
   * (the settlement form shows 难以执行 / 部分可执行 opinions): the caller has
   * already checked the actor's access to the case.
   */
  async latestOpinionsForCase(
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CaseOpinion[]> {
    const rows: {
      letter_id: string;
      letter_number: string;
      version: number;
      assessment: Assessment;
      opinion: string;
      suggestions: string[];
      replied_at: Date;
    }[] = await manager.query(
      `SELECT l.id AS letter_id, l.letter_number, r.version, r.assessment, r.opinion, r.suggestions, r.replied_at
         FROM consultation_letters l
         JOIN consultation_replies r ON r.letter_id = l.id AND r.version = l.current_reply_version
        WHERE l.case_id = $1
        ORDER BY r.replied_at DESC, l.id`,
      [caseId],
    );
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
