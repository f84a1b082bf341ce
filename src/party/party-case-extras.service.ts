// What a party sees of their case after referral (issue 33): the mediation sessions they are invited to (the
// time in China time, the place, the https video link the mediator set), and the undisputed facts (无争议事实)
// recorded when mediation failed, which they confirm once per text (the SHA-256 of what they read).
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { chinaDateTime } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, RuleViolationError } from '../common/errors.js';
import { videoUrlProblem } from '../scheduling/scheduled-session-rules.js';
import { findUndisputedFacts, PartyExtrasQueries } from './party-extras-queries.js';
import type { PartyPrincipal } from './party-sessions.service.js';

const MEDIATING: readonly string[] = ['ASSIGNED', 'IN_MEDIATION'];
const SESSION_STATUS_LABELS: Record<string, string> = { SCHEDULED: '已预约', HELD: '已举行' };

const factsSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const noFacts = () => new RuleViolationError('NO_UNDISPUTED_FACTS', '本案没有需要确认的无争议事实');
const factsChanged = (current: string) =>
  new ConflictError('FACTS_CHANGED', '无争议事实的内容已经变更，请重新阅读后再确认', { currentSha256: current });
const alreadyConfirmed = () => new ConflictError('FACTS_ALREADY_CONFIRMED', '您已确认过这份无争议事实');

@Injectable()
export class PartyCaseExtrasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: PartyExtrasQueries,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The sessions the party is invited to: every one still to come (SCHEDULED, not yet ended) and the last one
   * held; missed ones are not shown, nor planned ones once mediation has ended. A video link is shown only when it is https.
   */
  async sessionsOf(p: PartyPrincipal) {
    const rows = await this.queries.sessionRows(p.case.id, p.party.id, this.clock.now());
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
  async factsOf(p: PartyPrincipal) {
    const facts = await this.queries.undisputedFacts(p.case.id);
    if (!facts) return null;
    const sha256 = factsSha256(facts.undisputed_facts);
    const confirmation = await this.queries.factConfirmation(p.party.id, sha256);
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
      const facts = await findUndisputedFacts(m, p.case.id);
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
}
