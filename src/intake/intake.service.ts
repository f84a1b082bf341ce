import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { AuditService, auditEventView } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/errors.js';
import { loadCase } from './case-access.js';
import { recordCaseEvent } from './case-history.js';
import { checkCaseInput, type CaseInput } from './case-input.rules.js';
import { caseTypeNames } from './case-types.js';
import { caseView } from './case-view.js';
import { Case, type CaseSource } from './case.entity.js';
import { Party } from './party.entity.js';

/** Statuses counted as "open" for the related-case warning. */
const RELATED_OPEN_STATUSES = [
  'REGISTERED',
  'NOTICE_ISSUED',
  'REFERRED',
  'ASSIGNED',
  'IN_MEDIATION',
  'REFUSED',
  'FAILED',
  'EXPIRED',
];

export interface RegisterOptions {
  source?: CaseSource;
  batchId?: string | null;
  externalRef?: string | null;
}

@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** 立案登记: validates everything first, then writes the case, its parties and the event in one transaction. */
  async register(actor: Actor, input: CaseInput & { externalRef?: string }) {
    const created = await this.dataSource.transaction((manager) =>
      this.registerIn(manager, actor, input, { source: 'WINDOW', externalRef: input.externalRef ?? null }),
    );
    const relatedCases = await this.relatedCases(actor, created.c, created.parties);
    return { ...caseView(created.c, created.parties), relatedCases };
  }

  /** The write part of registration, for callers that own the transaction (batch import). */
  async registerIn(manager: EntityManager, actor: Actor, input: CaseInput, options: RegisterOptions = {}) {
    const checked = checkCaseInput(input, caseTypeNames());
    if ('errors' in checked) throw new ValidationFailedError(checked.errors);
    const now = this.clock.now();
    const c = await manager.save(
      manager.create(Case, {
        courtId: actor.courtId,
        divisionId: actor.divisionId,
        caseType: input.caseType,
        status: 'REGISTERED',
        claimAmountFen: checked.ok.claimAmountFen.toString(),
        claims: input.claims.trim(),
        source: options.source ?? 'WINDOW',
        batchId: options.batchId ?? null,
        externalRef: options.externalRef ?? null,
        registeredBy: actor.userId,
        registeredAt: now,
      }),
    );
    const parties = await manager.save(
      input.parties.map((p, position) =>
        manager.create(Party, {
          caseId: c.id,
          courtId: c.courtId,
          position,
          role: p.role,
          kind: p.kind,
          name: p.name.trim(),
          idNumber: p.idNumber ?? null,
          creditCode: p.creditCode ?? null,
          legalRepresentative: p.legalRepresentative ?? null,
          phone: p.phone ?? null,
          address: p.address ?? null,
          serviceAddress: p.serviceAddress ?? null,
        }),
      ),
    );
    await recordCaseEvent(this.audit, manager, actor, c, 'CASE_REGISTERED', null, {
      caseType: c.caseType,
      claimAmountFen: c.claimAmountFen,
      parties: parties.length,
      source: c.source,
    });
    return { c, parties };
  }

  async get(actor: Actor, id: string) {
    const c = await loadCase(this.dataSource.manager, actor, id);
    const parties = await this.dataSource
      .getRepository(Party)
      .find({ where: { caseId: c.id }, order: { position: 'ASC' } });
    return caseView(c, parties);
  }

  async events(actor: Actor, id: string) {
    const c = await loadCase(this.dataSource.manager, actor, id);
    const events = await this.audit.forSubject(actor, 'CASE', c.id);
    return events.map(auditEventView);
  }

  /** Open cases of the same court sharing a party by identity number or credit code (关联案件). */
  async relatedCases(actor: Actor, c: Case, parties: Party[]) {
    const idNumbers = parties.map((p) => p.idNumber).filter((v): v is string => !!v);
    const creditCodes = parties.map((p) => p.creditCode).filter((v): v is string => !!v);
    if (idNumbers.length === 0 && creditCodes.length === 0) return [];
    const repo = this.dataSource.getRepository(Party);
    const matches = await repo.find({
      where: [
        ...(idNumbers.length ? [{ courtId: actor.courtId, idNumber: In(idNumbers), caseId: Not(c.id) }] : []),
        ...(creditCodes.length ? [{ courtId: actor.courtId, creditCode: In(creditCodes), caseId: Not(c.id) }] : []),
      ],
      take: 200,
    });
    if (matches.length === 0) return [];
    const cases = await this.dataSource.getRepository(Case).find({
      where: {
        id: In([...new Set(matches.map((m) => m.caseId))]),
        courtId: actor.courtId,
        status: In(RELATED_OPEN_STATUSES),
      },
      order: { createdAt: 'DESC' },
      take: 20,
    });
    return cases.map((related) => ({
      id: related.id,
      caseType: related.caseType,
      status: related.status,
      prelitigationNumber: related.prelitigationNumber,
      registeredAt: related.registeredAt,
      sharedParties: [...new Set(matches.filter((m) => m.caseId === related.id).map((m) => m.name))],
    }));
  }
}
