// Named reads of the fee notices (交费通知): functions taking a manager, and `TrialQueries` offering them on the
// data source to the case page and the clerk's list.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, LessThan, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { partiesOf } from '../cases/case-finders.js';
import type { Party } from '../cases/party.entity.js';
import { Case } from '../cases/case.entity.js';
import { Court } from '../courts/court.entity.js';
import { FeeNotice } from './fee-notice.entity.js';

/** A case's fee notice, or null. */
export function findFeeNotice(m: EntityManager, caseId: string): Promise<FeeNotice | null> {
  return m.findOneBy(FeeNotice, { caseId });
}

/**
 * The court's fee notices still waiting for a payment (all, or only those overdue before `today`), earliest last
 * day first, at most `limit`; with the filing number and case type of each case. Read through
 * ix_fee_notices_open_due.
 */
export async function findOpenFeeNotices(
  m: EntityManager,
  actor: Actor,
  overdueBefore: string | null,
  limit: number,
): Promise<{ notices: FeeNotice[]; cases: Map<string, Pick<Case, 'id' | 'filingNumber' | 'caseType'>> }> {
  const notices = await m.find(FeeNotice, {
    where: {
      courtId: actor.courtId,
      paidOn: IsNull(),
      relief: IsNull(),
      deemedWithdrawnOn: IsNull(),
      ...(overdueBefore !== null ? { dueOn: LessThan(overdueBefore), dueOnProvisional: false } : {}),
    },
    order: { dueOn: 'ASC', caseId: 'ASC' },
    take: limit,
  });
  const cases = await m.find(Case, {
    where: { id: In(notices.map((n) => n.caseId)) },
    select: { id: true, filingNumber: true, caseType: true },
  });
  return { notices, cases: new Map(cases.map((c) => [c.id, c])) };
}

/** What the printed fee notice of a case shows: the notice, the case's court and its parties. */
export interface NoticeToPrint {
  notice: FeeNotice;
  court: Court;
  parties: Party[];
}

/** The fee notice of a case with its court and parties, or null when none was issued. */
export async function findNoticeToPrint(
  m: EntityManager,
  c: Pick<Case, 'id' | 'courtId'>,
): Promise<NoticeToPrint | null> {
  const notice = await m.findOneBy(FeeNotice, { caseId: c.id });
  if (!notice) return null;
  // One after another: the statements may share a transaction's connection.
  const court = await m.findOneByOrFail(Court, { id: c.courtId });
  const parties = await partiesOf(m, c.id);
  return { notice, court, parties };
}

@Injectable()
export class TrialQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  feeNotice(caseId: string): Promise<FeeNotice | null> {
    return findFeeNotice(this.dataSource.manager, caseId);
  }

  openFeeNotices(actor: Actor, overdueBefore: string | null, limit: number) {
    return findOpenFeeNotices(this.dataSource.manager, actor, overdueBefore, limit);
  }

  noticeToPrint(c: Pick<Case, 'id' | 'courtId'>): Promise<NoticeToPrint | null> {
    return findNoticeToPrint(this.dataSource.manager, c);
  }
}
