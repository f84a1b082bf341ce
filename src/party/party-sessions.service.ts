// From the SMS link to a party session: the link's token and the identity (name and ID suffix, behind
// IdentityVerifier) start a challenge and send a code to the phone on file; the right code ends the link's one use
// and gives a party token for this party of this case. A wrong code counts; the fifth locks the challenge.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { AuditService } from '../audit/audit.service.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { RuleViolationError } from '../common/errors.js';
import { TooManyRequestsError } from '../common/http/rate-limit.guard.js';
import { maskPhone } from '../common/personal-data.js';
import { Court } from '../courts/court.entity.js';
import { MessageSender } from '../messages/message-sender.service.js';
import { IdentityVerifier } from './identity-verifier.js';
import { ChallengeLockedError, partyLinkRefused, partySessionRefused } from './party-errors.js';
import { PartyChallenge, PartyInvitation, PartySession } from './party-online.entities.js';
import { findPartyAndCaseOfSession, PartyQueries } from './party-queries.js';
import { CodeHasher, hashToken, newCode, newToken } from './party-secrets.js';

const CODE_MINUTES = 10;
const CODE_ATTEMPTS = 5;
export const PARTY_SESSION_MINUTES = 120;
/** Codes sent to one party per window, and wrong identities tried on one link per window. */
const CODES_PER_PARTY = { limit: 3, windowSeconds: 600 };
const IDENTITY_TRIES_PER_LINK = { limit: 5, windowSeconds: 3600 };

/** Where the request came from, for the evidence. */
export interface RequestOrigin {
  clientAddress?: string;
  userAgent?: string;
  requestId?: string;
}

/** The party behind a party token: the actor the case kernel sees, and the identity evidence. */
export interface PartyPrincipal {
  actor: Actor;
  session: PartySession;
  party: Party;
  case: Case;
}

@Injectable()
export class PartySessionsService {
  private readonly codes: CodeHasher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: PartyQueries,
    private readonly identity: IdentityVerifier,
    private readonly sender: MessageSender,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_OPTIONS) options: AppOptions,
  ) {
    this.codes = new CodeHasher(options.jwtSecret);
  }

  /** Checks the link and the identity; sends a code to the phone on file. The same refusal for every failure. */
  async start(input: { token: string; name: string; idSuffix: string }, origin: RequestOrigin) {
    const result = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const invitation = await m.findOne(PartyInvitation, {
        where: { tokenHash: hashToken(input.token) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt <= now) {
        throw partyLinkRefused();
      }
      const party = await m.findOneByOrFail(Party, { id: invitation.partyId });
      const identity = await this.identity.verify(party, { name: input.name, idSuffix: input.idSuffix });
      // Wrong identities on one link are counted; past the limit even the right one is refused the same way.
      if (!identity.matched) {
        await hit(m, `party-identity:${invitation.id}`, now, IDENTITY_TRIES_PER_LINK);
        return { refused: true as const };
      }
      if (
        (await hits(m, `party-identity:${invitation.id}`, now, IDENTITY_TRIES_PER_LINK)) >=
        IDENTITY_TRIES_PER_LINK.limit
      ) {
        return { refused: true as const };
      }
      if (!party.phone) throw partyLinkRefused();
      if ((await hit(m, `party-code:${party.id}`, now, CODES_PER_PARTY)) > CODES_PER_PARTY.limit) {
        throw new TooManyRequestsError(CODES_PER_PARTY.windowSeconds);
      }
      return {
        refused: false as const,
        challenge: await this.challenge(m, invitation, party, identity.method, origin, now),
      };
    });
    if (result.refused) throw partyLinkRefused();
    this.sender.dispatchSoon();
    return result.challenge;
  }

  private async challenge(
    m: EntityManager,
    invitation: PartyInvitation,
    party: Party,
    method: string,
    origin: RequestOrigin,
    now: Date,
  ) {
    const court = await m.findOneByOrFail(Court, { id: invitation.courtId });
    const code = newCode();
    const id = randomUUID();
    const challenge = m.create(PartyChallenge, {
      id,
      invitationId: invitation.id,
      partyId: party.id,
      codeHash: this.codes.hash(id, code),
      evidence: {
        method,
        codeSentTo: maskPhone(party.phone),
        identityCheckedAt: now.toISOString(),
        clientAddress: origin.clientAddress ?? null,
        userAgent: origin.userAgent?.slice(0, 200) ?? null,
      },
      createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      attempts: 0,
    });
    const message = await this.sender.enqueue(m, {
      courtId: invitation.courtId,
      caseId: invitation.caseId,
      partyId: party.id,
      channel: 'SMS',
      recipient: party.phone!,
      body: `【${court.name}】您的身份验证码为 ${code}，${CODE_MINUTES} 分钟内有效。如非本人操作，请忽略本短信，切勿告诉他人。`,
      purpose: 'PARTY_CODE',
    });
    challenge.messageId = message.id;
    const saved = await m.save(challenge);
    return { challengeId: saved.id, expiresAt: saved.expiresAt, codeSentTo: maskPhone(party.phone) };
  }

  /** The code: right → the link is used up and a party token is issued; wrong → counted, the fifth locks. */
  async verify(challengeId: string, code: string, origin: RequestOrigin) {
    if (!isUuid(challengeId)) throw partyLinkRefused();
    const outcome = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const challenge = await m.findOne(PartyChallenge, {
        where: { id: challengeId },
        lock: { mode: 'pessimistic_write' },
      });
      // A signing code is no way into a session.
      if (!challenge || challenge.verifiedAt || challenge.purpose !== 'SESSION') throw partyLinkRefused();
      if (challenge.lockedAt) throw new ChallengeLockedError();
      if (challenge.expiresAt <= now) {
        throw new RuleViolationError('CODE_EXPIRED', '验证码已过期，请重新验证身份获取新的验证码');
      }
      if (!this.codes.matches(challenge.id, code, challenge.codeHash)) {
        challenge.attempts += 1;
        if (challenge.attempts >= CODE_ATTEMPTS) challenge.lockedAt = now;
        await m.save(challenge);
        return { wrong: true as const, left: CODE_ATTEMPTS - challenge.attempts };
      }
      const invitation = await m.findOne(PartyInvitation, {
        where: { id: challenge.invitationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt <= now) {
        throw partyLinkRefused();
      }
      return { wrong: false as const, session: await this.openSession(m, invitation, challenge, origin, now) };
    });
    if (outcome.wrong) {
      if (outcome.left <= 0) throw new ChallengeLockedError();
      throw new RuleViolationError('CODE_INVALID', `验证码不正确，还可以再试 ${outcome.left} 次`, {
        attemptsLeft: outcome.left,
      });
    }
    return outcome.session;
  }

  private async openSession(
    m: EntityManager,
    invitation: PartyInvitation,
    challenge: PartyChallenge,
    origin: RequestOrigin,
    now: Date,
  ) {
    challenge.verifiedAt = now;
    await m.save(challenge);
    invitation.usedAt = now;
    await m.save(invitation);
    const token = newToken();
    const evidence = {
      ...challenge.evidence,
      codeVerifiedAt: now.toISOString(),
      challengeId: challenge.id,
      invitationId: invitation.id,
      clientAddress: origin.clientAddress ?? challenge.evidence.clientAddress ?? null,
    };
    const session = await m.save(
      m.create(PartySession, {
        courtId: invitation.courtId,
        caseId: invitation.caseId,
        partyId: invitation.partyId,
        challengeId: challenge.id,
        tokenHash: hashToken(token),
        evidence,
        createdAt: now,
        expiresAt: new Date(now.getTime() + PARTY_SESSION_MINUTES * 60_000),
      }),
    );
    const principal = await this.principalOf(m, session, origin);
    const c = await m.findOneByOrFail(Case, { id: invitation.caseId });
    await recordCaseEvent(this.audit, m, principal.actor, c, 'PARTY_IDENTITY_VERIFIED', null, {
      partyId: invitation.partyId,
      identityEvidence: evidence,
    });
    return { partyToken: token, expiresAt: session.expiresAt };
  }

  /**
   * A fresh code to the phone on file for one act that needs the identity re-checked (signing the agreement):
   * a challenge of the party's open session, limited like the codes of the identity check.
   */
  async sendStepCode(p: PartyPrincipal, origin: RequestOrigin, purposeText: string) {
    const result = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      if (!p.party.phone) throw partySessionRefused();
      if ((await hit(m, `party-code:${p.party.id}`, now, CODES_PER_PARTY)) > CODES_PER_PARTY.limit) {
        return { limited: true as const };
      }
      const opening = await m.findOneByOrFail(PartyChallenge, { id: p.session.challengeId });
      const court = await m.findOneByOrFail(Court, { id: p.case.courtId });
      const code = newCode();
      const id = randomUUID();
      const message = await this.sender.enqueue(m, {
        courtId: p.case.courtId,
        caseId: p.case.id,
        partyId: p.party.id,
        channel: 'SMS',
        recipient: p.party.phone,
        body: `【${court.name}】您正在${purposeText}，验证码为 ${code}，${CODE_MINUTES} 分钟内有效。如非本人操作，请勿告诉他人。`,
        purpose: 'PARTY_CODE',
      });
      const challenge = await m.save(
        m.create(PartyChallenge, {
          id,
          invitationId: opening.invitationId,
          partyId: p.party.id,
          codeHash: this.codes.hash(id, code),
          messageId: message.id,
          evidence: {
            method: p.session.evidence.method ?? null,
            codeSentTo: maskPhone(p.party.phone),
            sessionId: p.session.id,
            clientAddress: origin.clientAddress ?? null,
            userAgent: origin.userAgent?.slice(0, 200) ?? null,
          },
          createdAt: now,
          expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
          attempts: 0,
          purpose: 'AGREEMENT_SIGNATURE',
          sessionId: p.session.id,
        }),
      );
      return { limited: false as const, challenge };
    });
    if (result.limited) throw new TooManyRequestsError(CODES_PER_PARTY.windowSeconds);
    this.sender.dispatchSoon();
    return { expiresAt: result.challenge.expiresAt, codeSentTo: maskPhone(p.party.phone) };
  }

  /**
   * Checks a step code of the party's session (the latest one sent): right → used up, and its evidence returned;
   * wrong → counted (the fifth locks it), in its own transaction so that the count stays.
   */
  async checkStepCode(p: PartyPrincipal, code: string): Promise<Record<string, unknown>> {
    const outcome = await this.dataSource.transaction(async (m) => {
      const now = this.clock.now();
      const challenge = await m.findOne(PartyChallenge, {
        where: { sessionId: p.session.id, purpose: 'AGREEMENT_SIGNATURE' },
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!challenge || challenge.verifiedAt) {
        throw new RuleViolationError('CODE_REQUIRED', '请先获取短信验证码');
      }
      if (challenge.lockedAt) throw new ChallengeLockedError();
      if (challenge.expiresAt <= now) {
        throw new RuleViolationError('CODE_EXPIRED', '验证码已过期，请重新获取');
      }
      if (!this.codes.matches(challenge.id, code, challenge.codeHash)) {
        challenge.attempts += 1;
        if (challenge.attempts >= CODE_ATTEMPTS) challenge.lockedAt = now;
        await m.save(challenge);
        return { wrong: true as const, left: CODE_ATTEMPTS - challenge.attempts };
      }
      challenge.verifiedAt = now;
      await m.save(challenge);
      return {
        wrong: false as const,
        evidence: {
          ...p.session.evidence,
          sessionId: p.session.id,
          stepChallengeId: challenge.id,
          stepCodeSentTo: challenge.evidence.codeSentTo,
          stepCodeVerifiedAt: now.toISOString(),
        },
      };
    });
    if (outcome.wrong) {
      if (outcome.left <= 0) throw new ChallengeLockedError();
      throw new RuleViolationError('CODE_INVALID', `验证码不正确，还可以再试 ${outcome.left} 次`, {
        attemptsLeft: outcome.left,
      });
    }
    return outcome.evidence;
  }

  /** The party behind a bearer party token, or 401 (unknown, expired, revoked). */
  async authenticate(token: string | undefined, origin: RequestOrigin): Promise<PartyPrincipal> {
    if (!token || token.length > 200) throw partySessionRefused();
    const session = await this.queries.sessionByTokenHash(hashToken(token));
    if (!session || session.revokedAt || session.expiresAt <= this.clock.now()) throw partySessionRefused();
    return principalFrom(session, await this.queries.partyAndCaseOfSession(session), origin);
  }

  private async principalOf(m: EntityManager, session: PartySession, origin: RequestOrigin): Promise<PartyPrincipal> {
    return principalFrom(session, await findPartyAndCaseOfSession(m, session), origin);
  }
}

/** The principal of a party session, from the party and the case behind it. */
function principalFrom(session: PartySession, [party, c]: [Party, Case], origin: RequestOrigin): PartyPrincipal {
  const actor: Actor = {
    userId: party.id,
    username: `party:${party.id}`,
    displayName: `当事人${party.name}（在线）`,
    courtId: session.courtId,
    divisionId: null,
    roles: [],
    requestId: origin.requestId,
    clientAddress: origin.clientAddress,
    party: { partyId: party.id, caseId: session.caseId },
  };
  return { actor, session, party, case: c };
}

/** One more in a counting window (the rate limiter's table); the count so far. */
async function hit(m: EntityManager, bucket: string, now: Date, policy: { windowSeconds: number }): Promise<number> {
  const windowStart = windowOf(now, policy.windowSeconds);
  const rows: { hits: number }[] = await m.query(
    `INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
     RETURNING hits`,
    [bucket, windowStart],
  );
  return rows[0].hits;
}

async function hits(m: EntityManager, bucket: string, now: Date, policy: { windowSeconds: number }): Promise<number> {
  const rows: { hits: number }[] = await m.query(
    `SELECT hits FROM rate_limit_windows WHERE bucket = $1 AND window_start = $2`,
    [bucket, windowOf(now, policy.windowSeconds)],
  );
  return rows[0]?.hits ?? 0;
}

function windowOf(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}
