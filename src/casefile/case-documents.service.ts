// The documents a court prints from a case (文书): the facts read in one transaction with the printing recorded
// in the case's history, the kind refused when it does not fit the case (document-kinds.ts), then the PDF.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { loadCase } from '../cases/case-access.js';
import { partiesOf } from '../cases/case-finders.js';
import { recordDocumentPrinted } from '../cases/case-history.js';
import { CASE_STATUS_LABELS } from '../cases/case-status.js';
import type { Case } from '../cases/case.entity.js';
import { PARTY_ROLE_LABELS, type Party } from '../cases/party.entity.js';
import type { Actor } from '../common/actor.js';
import { chinaDate, chinaDateTime } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { NotFoundError, RuleViolationError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { Court } from '../courts/court.entity.js';
import { mediatorOf } from '../mediation/mediation-agreement.service.js';
import { MediationOutcome } from '../mediation/mediation-outcome.entity.js';
import { MediationSession, type SessionMode } from '../mediation/mediation-session.entity.js';
import { agentLine, agentSigner, agentsOf, type PartyAgent } from '../cases/party-agent.entity.js';
import { ATTACHMENT_CATEGORY_LABELS } from './attachment-category.js';
import { CaseAttachment } from './case-attachment.entity.js';
import { CasefileQueries } from './casefile-queries.js';
import type { DocumentCase, DocumentContent, SummaryRow } from './case-document-pdf.js';
import { DocumentRenderer, type DocumentTask } from '../common/document-renderer.js';
import { documentKindNotFound } from './casefile-errors.js';
import {
  applicableKinds,
  documentFileName,
  documentTitle,
  endedBecause,
  isDocumentKind,
  whyNot,
  type DocumentFacts,
  type DocumentKind,
} from './document-kinds.js';

const MODE_LABELS: Record<SessionMode, string> = { IN_PERSON: '当面调解', PHONE: '电话调解', VIDEO: '视频调解' };

const sessionNotFound = () => new NotFoundError('SESSION_NOT_FOUND', '调解记录不存在，或不属于本案');

/** A document of the case rendered for its file package. */
interface RenderedDocument {
  kind: DocumentKind;
  title: string;
  fileName: string;
  pdf: Buffer;
}

interface CaseRecords {
  c: Case;
  parties: Party[];
  agents: PartyAgent[];
  sessions: MediationSession[];
  outcome: MediationOutcome | null;
}

@Injectable()
export class CaseDocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CasefileQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly documents: DocumentRenderer,
  ) {}

  /** The documents that apply to a case already read and scoped (the case page's print links). */
  async applicable(c: Case): Promise<DocumentKind[]> {
    const [sessions, outcome] = await this.queries.sessionCountAndOutcome(c.id);
    const facts: DocumentFacts = {
      outcome: c.outcome,
      refused: c.refusedAt !== null,
      sessions,
      undisputedFacts: outcome?.undisputedFacts ?? null,
    };
    return applicableKinds(facts);
  }

  /** The PDF of one document: 404 for an unknown kind, 422 for a kind that does not fit the case. */
  async pdf(actor: Actor, caseId: string, kind: string, options: { sessionId?: string } = {}) {
    if (!isDocumentKind(kind)) throw documentKindNotFound();
    const { court, document, content } = await this.dataSource.transaction(async (m) => {
      const records = await this.records(m, actor, caseId);
      const refusal = whyNot(kind, factsOf(records));
      if (refusal) throw new RuleViolationError('DOCUMENT_NOT_APPLICABLE', refusal, { kind });
      // One after another: the statements share the transaction's connection.
      const courtRow = await m.findOneByOrFail(Court, { id: records.c.courtId });
      const mediator = records.c.mediatorId ? await mediatorOf(m, records.c) : null;
      const attachments =
        kind === 'case-summary'
          ? await m.find(CaseAttachment, { where: { caseId: records.c.id }, order: { addedAt: 'ASC' } })
          : [];
      const doc = documentCase(records, mediator?.name ?? null);
      const body = this.content(kind, records, doc, attachments, options.sessionId);
      await recordDocumentPrinted(this.audit, m, actor, records.c, kind, {
        ...(body.kind === 'session-record' && options.sessionId ? { sessionId: options.sessionId } : {}),
      });
      return { court: courtRow, document: doc, content: body };
    });
    const pdf = await this.documents.render('case-document', {
      court: { name: court.name, phone: court.phone, address: court.address },
      case: document,
      content,
    });
    return { pdf, filename: documentFileName(content, document.number) };
  }

  /**
   * Every document that applies to a case already read and scoped, rendered for its electronic file (the file
   * package): nothing is recorded here, the package's download is. The session record is the latest session's.
   */
  async renderAll(m: EntityManager, c: Case): Promise<RenderedDocument[]> {
    const rendered: RenderedDocument[] = [];
    for (const d of await this.tasksAll(m, c))
      rendered.push({
        kind: d.kind,
        title: d.title,
        fileName: d.fileName,
        pdf: await this.documents.renderTask(d.task),
      });
    return rendered;
  }

  /** The same documents still to render, as read now (the stored file package renders them later). */
  async tasksAll(m: EntityManager, c: Case) {
    const records = await this.recordsOf(m, c);
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    const mediator = c.mediatorId ? await mediatorOf(m, c) : null;
    const attachments = await m.find(CaseAttachment, { where: { caseId: c.id }, order: { addedAt: 'ASC' } });
    const doc = documentCase(records, mediator?.name ?? null);
    return applicableKinds(factsOf(records)).map((kind) => {
      const content = this.content(kind, records, doc, attachments, undefined);
      const task: DocumentTask = {
        kind: 'case-document',
        model: { court: { name: court.name, phone: court.phone, address: court.address }, case: doc, content },
      };
      return { kind, title: documentTitle(content), fileName: documentFileName(content, doc.number), task };
    });
  }

  private async records(m: EntityManager, actor: Actor, caseId: string): Promise<CaseRecords> {
    return this.recordsOf(m, await loadCase(m, actor, caseId));
  }

  private async recordsOf(m: EntityManager, c: Case): Promise<CaseRecords> {
    const parties = await partiesOf(m, c.id);
    const sessions = await m.find(MediationSession, {
      where: { caseId: c.id },
      order: { heldOn: 'DESC', recordedAt: 'DESC' },
    });
    const outcome = await m.findOne(MediationOutcome, { where: { caseId: c.id } });
    const agents = await agentsOf(m, c.id);
    return { c, parties, agents, sessions, outcome };
  }

  private content(
    kind: DocumentKind,
    r: CaseRecords,
    doc: DocumentCase,
    attachments: CaseAttachment[],
    sessionId: string | undefined,
  ): DocumentContent {
    const today = chinaDate(this.clock.now());
    switch (kind) {
      case 'session-record': {
        const session = sessionId ? r.sessions.find((s) => isUuid(sessionId) && s.id === sessionId) : r.sessions[0];
        if (!session) throw sessionNotFound();
        return {
          kind,
          session: {
            heldOn: session.heldOn,
            modeLabel: MODE_LABELS[session.mode],
            participants: session.participants,
            notes: session.notes,
          },
        };
      }
      case 'undisputed-facts':
        return { kind, facts: r.outcome!.undisputedFacts!, concludedOn: r.outcome!.concludedOn };
      case 'service-address':
        return { kind };
      case 'mediation-ended':
        return { kind, reason: endedBecause(factsOf(r))!, endedOn: endedOn(r), issuedOn: today };
      case 'case-summary':
        return {
          kind,
          rows: summaryRows(r.c, doc),
          attachments: attachments.map(
            (a) =>
              `${ATTACHMENT_CATEGORY_LABELS[a.category]}：${a.fileName}（${chinaDateTime(a.addedAt)}）${a.withdrawnAt ? '（已撤回）' : ''}`,
          ),
          printedOn: today,
        };
    }
  }
}

function factsOf(r: CaseRecords): DocumentFacts {
  return {
    outcome: r.c.outcome,
    refused: r.c.refusedAt !== null,
    sessions: r.sessions.length,
    undisputedFacts: r.outcome?.undisputedFacts ?? null,
  };
}

function endedOn(r: CaseRecords): string {
  if (r.outcome?.result === 'FAILED') return r.outcome.concludedOn;
  const at = r.c.outcome ? r.c.concludedAt : r.c.refusedAt;
  return chinaDate(at ?? r.c.registeredAt);
}

function documentCase(r: CaseRecords, mediatorName: string | null): DocumentCase {
  return {
    number: r.c.prelitigationNumber ?? r.c.filingNumber,
    caseType: r.c.caseType,
    claims: r.c.claims,
    mediatorName,
    parties: r.parties.map((p) => ({
      roleLabel: PARTY_ROLE_LABELS[p.role],
      name: p.name,
      address: p.serviceAddress ?? p.address,
      agents: r.agents.filter((a) => a.partyId === p.id).map(agentLine),
      agentSigners: r.agents.filter((a) => a.partyId === p.id).map(agentSigner),
    })),
  };
}

function summaryRows(c: Case, doc: DocumentCase): SummaryRow[] {
  const at = (d: Date | null) => (d ? chinaDateTime(d) : '—');
  return [
    ['诉前调解案号', c.prelitigationNumber ?? '—'],
    ['立案案号', c.filingNumber ?? '—'],
    ['案由', c.caseType],
    ['状态', CASE_STATUS_LABELS[c.status]],
    ['标的额', `${formatYuan(c.claimAmountFen)} 元`],
    ['登记时间', at(c.registeredAt)],
    ['同意调解日', c.consentedOn ?? '—'],
    ['调解期限届满', c.mediationDeadline ?? '—'],
    ['调解员', doc.mediatorName ?? '—'],
    ['结案时间', at(c.concludedAt)],
    ['转立案时间', at(c.transferredAt)],
  ];
}
