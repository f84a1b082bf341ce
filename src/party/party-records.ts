// Named finders of the parties' online rows.
import { IsNull, type EntityManager } from 'typeorm';
import { ReferralNotice } from '../referral/referral-notice.entity.js';
import { PartyServiceConfirmation, ServiceRecord } from './party-online.entities.js';

/** The notice in force (its latest version): the document served on the parties. */
export function latestNoticeOf(m: EntityManager, caseId: string): Promise<ReferralNotice | null> {
  return m.findOne(ReferralNotice, { where: { caseId }, order: { noticeVersion: 'DESC' } });
}

/** The party's 《送达地址确认书》 in force, if any. */
export function serviceConfirmationOf(m: EntityManager, partyId: string): Promise<PartyServiceConfirmation | null> {
  return m.findOne(PartyServiceConfirmation, { where: { partyId }, order: { confirmedAt: 'DESC', id: 'DESC' } });
}

/** The latest confirmations of several parties, by party id. */
export async function serviceConfirmationsOf(
  m: EntityManager,
  caseId: string,
): Promise<Map<string, PartyServiceConfirmation>> {
  const rows = await m.find(PartyServiceConfirmation, { where: { caseId }, order: { confirmedAt: 'ASC', id: 'ASC' } });
  return new Map(rows.map((r) => [r.partyId, r]));
}

/** Marks the party's service records not yet opened (or acted on); how many it marked. */
export async function markServiceRecords(
  m: EntityManager,
  partyId: string,
  field: 'openedAt' | 'actedAt',
  at: Date,
): Promise<number> {
  const result = await m.update(ServiceRecord, { partyId, [field]: IsNull() }, { [field]: at });
  return result.affected ?? 0;
}
