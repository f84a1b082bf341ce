import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { RuleViolationError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { Court } from '../courts/court.entity.js';
import { loadCase } from '../cases/case-access.js';
import { recordCaseEvent } from '../cases/case-history.js';
import type { Case } from '../cases/case.entity.js';
import { Party, PARTY_ROLE_LABELS } from '../cases/party.entity.js';
import type { AgreementDocument, AgreementParty } from './agreement-pdf.js';
import { DocumentRenderer, type DocumentTask } from '../common/document-renderer.js';
import { MediationOutcome } from './mediation-outcome.entity.js';
import { partiesOf } from '../cases/case-finders.js';
import { agentLinesByParty, agentSignersByParty, agentsOf, type PartyAgent } from '../cases/party-agent.entity.js';

const AGREEMENT_TITLE = '调解协议书';

const noSettlement = () => new RuleViolationError('NO_SETTLEMENT', '本案尚未登记调解成功，没有可打印的调解协议书');

/** 调解协议书 as a printable PDF, made from the settlement as recorded. */
@Injectable()
export class MediationAgreementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly documents: DocumentRenderer,
  ) {}

  /** The document carries the parties' full identity numbers: each printing is recorded as a personal-data view. */
  async pdf(actor: Actor, caseId: string): Promise<{ pdf: Buffer; filename: string }> {
    const document = await this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId);
      const read = await this.documentOf(m, c);
      if (!read) throw noSettlement();
      await recordCaseEvent(this.audit, m, actor, c, 'PERSONAL_DATA_VIEWED', null, {
        document: 'MEDIATION_AGREEMENT',
        partyIds: read.partyIds,
        fields: ['idNumber'],
      });
      return read.document;
    });
    return this.printed(document);
  }

  /**
   * The agreement of a case already read for the actor, or null without a settlement: for its file package, whose
   * download is recorded instead (the package carries the same identity numbers).
   */
  async printedOfCase(m: EntityManager, c: Case): Promise<{ title: string; pdf: Buffer; filename: string } | null> {
    const read = await this.documentOf(m, c);
    return read && { title: AGREEMENT_TITLE, ...(await this.printed(read.document)) };
  }

  /** The same as a document still to render (the stored file package); null without a settlement. */
  async printTaskOfCase(m: EntityManager, c: Case) {
    const read = await this.documentOf(m, c);
    if (!read) return null;
    const task: DocumentTask = { kind: 'agreement', model: read.document };
    return { title: AGREEMENT_TITLE, filename: `${AGREEMENT_TITLE}${read.document.caseNumber ?? ''}.pdf`, task };
  }

  private async printed(document: AgreementDocument): Promise<{ pdf: Buffer; filename: string }> {
    const pdf = await this.documents.render('agreement', document);
    return { pdf, filename: `${AGREEMENT_TITLE}${document.caseNumber ?? ''}.pdf` };
  }

  /** The document made from the settlement as recorded, and whose identity numbers it prints; null without one. */
  private async documentOf(m: EntityManager, c: Case) {
    const outcome = await m.findOne(MediationOutcome, { where: { caseId: c.id } });
    if (outcome?.result !== 'SETTLED' || !outcome.agreement || !outcome.settlementMethod) return null;
    // One after another: the statements may share a transaction's connection.
    const court = await m.findOneByOrFail(Court, { id: c.courtId });
    const parties = await partiesOf(m, c.id);
    const agents = await agentsOf(m, c.id);
    const mediator = await mediatorOf(m, c);
    const document: AgreementDocument = {
      courtName: court.name,
      caseNumber: c.prelitigationNumber,
      caseType: c.caseType,
      claims: c.claims,
      parties: agreementParties(parties, agents),
      agreement: outcome.agreement,
      amount: formatYuan(outcome.amountFen ?? '0'),
      method: outcome.settlementMethod,
      performanceDueOn: outcome.performanceDueOn,
      agreedOn: outcome.agreedOn ?? outcome.concludedOn,
      mediatorName: mediator.name,
      organizationName: mediator.organization,
    };
    return { document, partyIds: parties.map((p) => p.id) };
  }
}

/** The parties as the agreement lists them, each with its agents. */
export function agreementParties(parties: readonly Party[], agents: readonly PartyAgent[]): AgreementParty[] {
  const lines = agentLinesByParty(agents);
  const signers = agentSignersByParty(agents);
  return parties.map((p) => agreementParty(p, lines.get(p.id) ?? [], signers.get(p.id) ?? []));
}

function agreementParty(p: Party, agents: string[], agentSigners: string[]): AgreementParty {
  const identity =
    p.kind === 'PERSON'
      ? p.idNumber && `公民身份号码 ${p.idNumber}`
      : p.creditCode && `统一社会信用代码 ${p.creditCode}`;
  return {
    roleLabel: PARTY_ROLE_LABELS[p.role],
    name: p.name,
    identity: identity || null,
    legalRepresentative: p.kind === 'ORGANIZATION' ? p.legalRepresentative : null,
    address: p.address,
    agents,
    agentSigners,
  };
}

/** The name of the case's mediator (roster entry) and of their organization. */
export async function mediatorOf(m: EntityManager, c: Case): Promise<{ name: string; organization: string | null }> {
  const [row]: { name: string; organization: string | null }[] = await m.query(
    `SELECT md.name, o.name AS organization
       FROM mediators md LEFT JOIN mediation_organizations o ON o.id = md.organization_id
      WHERE md.id = $1`,
    [c.mediatorId],
  );
  return row ?? { name: '', organization: null };
}
