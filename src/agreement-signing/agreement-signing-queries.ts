// Named reads of the agreements put up for signature online: the latest or the open one of a case, its
// signatures, its PDF bytes, and what putting one up reads of the case. Functions taking a manager (the steps read
// in their transaction), and `AgreementSigningQueries` offering them on the data source to the views and the
// party's page.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { partiesOf } from '../cases/case-finders.js';
import type { Case } from '../cases/case.entity.js';
import { agentsOf } from '../cases/party-agent.entity.js';
import type { Party } from '../cases/party.entity.js';
import { Court } from '../courts/court.entity.js';
import { mediatorOf } from '../mediation/mediation-agreement.service.js';
import { AgreementSignature, AgreementSigning } from './agreement-signing.entities.js';

/** The agreement open for signature, or else the latest one (effective, refused or replaced); null: none. */
export async function findLatestSigning(m: EntityManager, caseId: string): Promise<AgreementSigning | null> {
  return (
    (await m.findOne(AgreementSigning, { where: { caseId, status: 'OPEN' } })) ??
    m.findOne(AgreementSigning, { where: { caseId }, order: { closedAt: 'DESC', createdAt: 'DESC', id: 'DESC' } })
  );
}

/** The agreement open for signature (locked for the transaction with `lock`), or null. */
export function findOpenSigning(m: EntityManager, caseId: string, lock: boolean): Promise<AgreementSigning | null> {
  return m.findOne(AgreementSigning, {
    where: { caseId, status: 'OPEN' },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/** An agreement's signatures, in the order signed. */
export function findSignatures(m: EntityManager, signingId: string): Promise<AgreementSignature[]> {
  return m.find(AgreementSignature, { where: { signingId }, order: { signedAt: 'ASC', id: 'ASC' } });
}

/** The bytes of an agreement's PDF: as put up, or as signed. */
export async function findPdfBytes(m: EntityManager, signingId: string, column: 'pdf' | 'signedPdf'): Promise<Buffer> {
  const row = await m
    .createQueryBuilder(AgreementSigning, 's')
    .addSelect(`s.${column}`)
    .where('s.id = :id', { id: signingId })
    .getOneOrFail();
  return row[column] as Buffer;
}

/** What putting an agreement up reads of the case: its court, parties, their agents and its mediator. */
export function findPutUpParts(m: EntityManager, c: Case) {
  return Promise.all([
    m.findOneByOrFail(Court, { id: c.courtId }),
    partiesOf(m, c.id),
    agentsOf(m, c.id),
    mediatorOf(m, c),
  ]);
}

@Injectable()
export class AgreementSigningQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  latestSigning(caseId: string): Promise<AgreementSigning | null> {
    return findLatestSigning(this.dataSource.manager, caseId);
  }

  /** The open agreement, without a lock (a step re-reads it locked in its transaction). */
  openSigning(caseId: string): Promise<AgreementSigning | null> {
    return findOpenSigning(this.dataSource.manager, caseId, false);
  }

  signatures(signingId: string): Promise<AgreementSignature[]> {
    return findSignatures(this.dataSource.manager, signingId);
  }

  pdfBytes(signingId: string, column: 'pdf' | 'signedPdf'): Promise<Buffer> {
    return findPdfBytes(this.dataSource.manager, signingId, column);
  }

  partiesOfCase(caseId: string): Promise<Party[]> {
    return partiesOf(this.dataSource.manager, caseId);
  }

  putUpParts(c: Case) {
    return findPutUpParts(this.dataSource.manager, c);
  }
}
