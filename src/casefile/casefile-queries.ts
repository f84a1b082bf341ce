// Named reads of the case file (卷宗材料): a case's attachments, a stored chunk of their content, what decides
// which documents apply to a case, and its latest electronic file package. Functions taking a manager (a step
// reads in its transaction), and `CasefileQueries` offering them on the data source to the case page, the lists
// and the attachment store (which keep the rules, the writes and the transactions).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { MediationOutcome } from '../mediation/mediation-outcome.entity.js';
import { MediationSession } from '../mediation/mediation-session.entity.js';
import { CaseAttachment } from './case-attachment.entity.js';
import { CaseFilePackage } from './case-file-package.entity.js';

/** A case's files, oldest first, withdrawn ones included. */
export function findAttachments(m: EntityManager, caseId: string): Promise<CaseAttachment[]> {
  return m.find(CaseAttachment, {
    where: { caseId },
    order: { addedAt: 'ASC', id: 'ASC' },
  });
}

/** The `seq`th chunk (from 0) of the content stored under `key`, or null past its last. */
export async function findAttachmentChunk(m: EntityManager, key: string, seq: number): Promise<Buffer | null> {
  const rows: { data: Buffer }[] = await m.query(
    'SELECT data FROM attachment_chunks WHERE content_key = $1 AND seq = $2',
    [key, seq],
  );
  return rows.length === 0 ? null : rows[0].data;
}

/** What decides which documents apply to a case: how many mediation sessions it has, and its outcome (or null). */
export function findSessionCountAndOutcome(
  m: EntityManager,
  caseId: string,
): Promise<[number, MediationOutcome | null]> {
  return Promise.all([
    m.count(MediationSession, { where: { caseId } }),
    m.findOne(MediationOutcome, { where: { caseId } }),
  ]);
}

/** The case's latest package (the one a download serves), or null when it was never handed over. */
export function findLatestPackage(m: EntityManager, caseId: string, lock = false): Promise<CaseFilePackage | null> {
  return m.findOne(CaseFilePackage, {
    where: { caseId },
    order: { requestedAt: 'DESC', id: 'DESC' },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

@Injectable()
export class CasefileQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  attachments(caseId: string): Promise<CaseAttachment[]> {
    return findAttachments(this.dataSource.manager, caseId);
  }

  attachmentChunk(key: string, seq: number): Promise<Buffer | null> {
    return findAttachmentChunk(this.dataSource.manager, key, seq);
  }

  sessionCountAndOutcome(caseId: string): Promise<[number, MediationOutcome | null]> {
    return findSessionCountAndOutcome(this.dataSource.manager, caseId);
  }

  latestPackage(caseId: string): Promise<CaseFilePackage | null> {
    return findLatestPackage(this.dataSource.manager, caseId);
  }
}
