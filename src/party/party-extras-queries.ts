// Named reads of what a party's page adds to the case: the sessions they are invited to and the undisputed facts
// of a failed mediation with their confirmation. Functions taking a manager, and `PartyExtrasQueries` offering
// them on the data source to PartyCaseExtrasService (which keeps the confirmation's rule and write).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface PartySessionRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  video_url: string | null;
  status: 'SCHEDULED' | 'HELD';
}

export interface UndisputedFactsRow {
  id: string;
  undisputed_facts: string;
  concluded_on: string;
}

/** The case's sessions the party is invited to: every one still planned and not ended at `now`, and the last held. */
export function findPartySessionRows(
  m: EntityManager,
  caseId: string,
  partyId: string,
  now: Date,
): Promise<PartySessionRow[]> {
  return m.query(
    `(SELECT id, starts_at, ends_at, place, video_url, status FROM scheduled_sessions
       WHERE case_id = $1 AND $2 = ANY(party_ids) AND status = 'SCHEDULED' AND ends_at > $3)
     UNION ALL
     (SELECT id, starts_at, ends_at, place, video_url, status FROM scheduled_sessions
       WHERE case_id = $1 AND $2 = ANY(party_ids) AND status = 'HELD' ORDER BY starts_at DESC LIMIT 1)
     ORDER BY starts_at`,
    [caseId, partyId, now],
  );
}

/** The undisputed facts of the case's failed mediation; null when none were recorded. */
export async function findUndisputedFacts(m: EntityManager, caseId: string): Promise<UndisputedFactsRow | null> {
  const [row] = (await m.query(
    `SELECT id, undisputed_facts, concluded_on::text AS concluded_on FROM mediation_outcomes
      WHERE case_id = $1 AND result = 'FAILED' AND btrim(coalesce(undisputed_facts, '')) <> ''`,
    [caseId],
  )) as UndisputedFactsRow[];
  return row ?? null;
}

/** The party's confirmation of the facts text with this hash; undefined when none. */
export async function findFactConfirmation(
  m: EntityManager,
  partyId: string,
  sha256: string,
): Promise<{ confirmed_at: Date; sha256: string } | undefined> {
  const [confirmation] = (await m.query(
    `SELECT confirmed_at, sha256 FROM party_fact_confirmations WHERE party_id = $1 AND sha256 = $2`,
    [partyId, sha256],
  )) as { confirmed_at: Date; sha256: string }[];
  return confirmation;
}

@Injectable()
export class PartyExtrasQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  sessionRows(caseId: string, partyId: string, now: Date) {
    return findPartySessionRows(this.dataSource.manager, caseId, partyId, now);
  }

  undisputedFacts(caseId: string) {
    return findUndisputedFacts(this.dataSource.manager, caseId);
  }

  factConfirmation(partyId: string, sha256: string) {
    return findFactConfirmation(this.dataSource.manager, partyId, sha256);
  }
}
