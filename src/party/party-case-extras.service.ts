// What a party sees of their case after referral (issue 33): the mediation sessions they are invited to (the
// time in China time, the place, the https video link the mediator set), and the undisputed facts (无争议事实)
// recorded when mediation failed, which they confirm once per text (the SHA-256 of what they read).
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { chinaDateTime } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, RuleViolationError } from '../common/errors.js';
import { videoUrlProblem } from '../scheduling/scheduled-session-rules.js';
import type { PartyPrincipal } from './party-sessions.service.js';

const MEDIATING: readonly string[] = ['ASSIGNED', 'IN_MEDIATION'];
const SESSION_STATUS_LABELS: Record<string, string> = { SCHEDULED: '已预约', HELD: '已举行' };

interface SessionRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  video_url: string | null;
  status: 'SCHEDULED' | 'HELD';
}

interface FactsRow {
  id: string;
  undisputed_facts: string;
  concluded_on: string;
}

const factsSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const noFacts = () => new RuleViolationError('NO_UNDISPUTED_FACTS', '本案没有需要确认的无争议事实');
const factsChanged = (current: string) =>
  new ConflictError('FACTS_CHANGED', '无争议事实的内容已经变更，请重新阅读后再确认', { currentSha256: current });
const alreadyConfirmed = () => new ConflictError('FACTS_ALREADY_CONFIRMED', '您已确认过这份无争议事实');

@Injectable()
export class PartyCaseExtrasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The sessions the party is invited to: every one still to come (SCHEDULED, not yet ended) and the last one
   * held; missed ones are not shown, nor planned ones once mediation has ended. A video link is shown only when it is https.
   */
  async sessionsOf(p: PartyPrincipal, m: EntityManager = this.dataSource.manager) {
    const rows: SessionRow[] = await m.query(
      `(SELECT id, starts_at, ends_at, place, video_url, status FROM scheduled_sessions
         WHERE case_id = $1 AND $2 = ANY(party_ids) AND status = 'SCHEDULED' AND ends_at > $3)
       UNION ALL
       (SELECT id, starts_at, ends_at, place, video_url, status FROM scheduled_sessions
         WHERE case_id = $1 AND $2 = ANY(party_ids) AND status = 'HELD' ORDER BY starts_at DESC LIMIT 1)
       ORDER BY starts_at`,
      [p.case.id, p.party.id, this.clock.now()],
    );
    // Once mediation has ended, what was still planned will not take place.
    const open = MEDIATING.includes(p.case.status);
    return rows
      .filter((r) => open || r.status === 'HELD')
      .map((r) => ({
        id: r.id,
        status: r.status,
        statusLabel: SESSION_STATUS_LABELS[r.status],
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        startsAtChina: chinaDateTime(r.starts_at),
        endsAtChina: chinaDateTime(r.ends_at).slice(11),
        place: r.place,
        videoUrl: r.video_url && !videoUrlProblem(r.video_url) ? r.video_url : null,
      }));
  }

  /** The undisputed facts of a failed mediation, with the party's confirmation; null when none were recorded. */
  async factsOf(p: PartyPrincipal, m: EntityManager = this.dataSource.manager) {
    const facts = await this.factsRow(m, p.case.id);
    if (!facts) return null;
    const sha256 = factsSha256(facts.undisputed_facts);
    const [confirmation] = (await m.query(
      `SELECT confirmed_at, sha256 FROM party_fact_confirmations WHERE party_id = $1 AND sha256 = $2`,
      [p.party.id, sha256],
    )) as { confirmed_at: Date; sha256: string }[];
    return {
      text: facts.undisputed_facts,
      sha256,
      concludedOn: facts.concluded_on,
      confirmedAt: confirmation?.confirmed_at ?? null,
      canConfirm: !confirmation,
    };
  }

  /**
   * 确认无争议事实: the party confirms the text whose hash she read. A different hash is 409 FACTS_CHANGED (with
   * the current one), a second confirmation of the same text 409 FACTS_ALREADY_CONFIRMED; the history gets
   * PARTY_CONFIRMED_UNDISPUTED_FACTS with the identity evidence.
   */
  async confirmFacts(p: PartyPrincipal, sha256: string) {
    return this.dataSource.transaction(async (m) => {
      const facts = await this.factsRow(m, p.case.id);
      if (!facts) throw noFacts();
      const current = factsSha256(facts.undisputed_facts);
      if (sha256 !== current) throw factsChanged(current);
      const now = this.clock.now();
      const evidence = { ...p.session.evidence, sessionId: p.session.id };
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO party_fact_confirmations (court_id, case_id, party_id, outcome_id, sha256, confirmed_at, evidence)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT uq_party_fact_confirmations DO NOTHING RETURNING id`,
        [p.case.courtId, p.case.id, p.party.id, facts.id, current, now, evidence],
      );
      if (inserted.length === 0) throw alreadyConfirmed();
      await recordCaseEvent(this.audit, m, p.actor, p.case, 'PARTY_CONFIRMED_UNDISPUTED_FACTS', null, {
        partyId: p.party.id,
        sha256: current,
        identityEvidence: evidence,
      });
      return { sha256: current, confirmedAt: now };
    });
  }

  private async factsRow(m: EntityManager, caseId: string): Promise<FactsRow | null> {
    const [row] = (await m.query(
      `SELECT id, undisputed_facts, concluded_on::text AS concluded_on FROM mediation_outcomes
        WHERE case_id = $1 AND result = 'FAILED' AND btrim(coalesce(undisputed_facts, '')) <> ''`,
      [caseId],
    )) as FactsRow[];
    return row ?? null;
  }
}
