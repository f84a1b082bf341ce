// Corrections of a registration by a clerk (更正登记), parties and agents added, and 撤销登记: every write through
// the case kernel's runner (CaseOps), with the values before and after in the history. A correction that would
// break a rule of a registration is refused with every problem at once, and changes nothing.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  StaleVersionError,
  ValidationFailedError,
  type FieldError,
} from '../common/errors.js';
import { parseYuan } from '../common/money.js';
import { phoneProblem } from '../common/validators/identity.js';
import { partiesOf } from '../cases/case-finders.js';
import { CaseOps } from '../cases/case-ops.js';
import { CaseReader } from '../cases/case-reader.service.js';
import { CASE_STATUS_LABELS } from '../cases/case-status.js';
import { caseView } from '../cases/case-view.js';
import type { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import { caseTypeNames } from '../cases/case-types.js';
import type { CaseInput } from '../intake/case-input-rules.js';
import type { AddAgentDto, AddPartyDto, CancelCaseDto, CorrectCaseDto, CorrectPartyDto } from './corrections.dto.js';
import { PartyAgent, agentView } from '../cases/party-agent.entity.js';
import {
  asPartyFields,
  CASE_FIELDS_CORRECTABLE,
  currentInput,
  historyValue,
  newProblems,
  PARTY_FIELDS,
  partyInput,
  type PartyField,
} from './registration-corrections.js';

const MAX_PARTIES = 50;
const CASE_FIELDS = ['caseType', 'claimAmount', 'claims'] as const;

const partyNotFound = () => new NotFoundError('PARTY_NOT_FOUND', '该案件中没有这名当事人');
const nothingToCorrect = () =>
  ValidationFailedError.field('body', 'NOTHING_TO_CORRECT', '没有需要更正的内容：所填内容与登记信息相同');

@Injectable()
export class CorrectionsService {
  constructor(
    private readonly caseReader: CaseReader,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
  ) {}

  /** PATCH /cases/:id: the case type, the amount (until a mediator is assigned) and the claims. */
  correctCase(actor: Actor, caseId: string, dto: CorrectCaseDto) {
    const given = CASE_FIELDS.filter((f) => dto[f] !== undefined);
    if (given.length === 0) throw nothingToCorrect();
    return this.seeingTheOther(actor, caseId, dto.version, () =>
      this.cases.record(actor, caseId, 'correctRegistration', { version: dto.version }, async (m, c) => {
        const parties = await partiesOf(m, c.id);
        const before = currentInput(c, parties);
        const after: CaseInput = {
          ...before,
          ...(dto.caseType !== undefined ? { caseType: dto.caseType.trim() } : {}),
          ...(dto.claimAmount !== undefined ? { claimAmount: dto.claimAmount } : {}),
          ...(dto.claims !== undefined ? { claims: dto.claims.trim() } : {}),
        };
        const errors = newProblems(before, after, caseTypeNames());
        if (errors.length > 0) throw new ValidationFailedError(errors);
        const wasView = caseView(c);
        if (dto.caseType !== undefined) c.caseType = after.caseType;
        if (dto.claimAmount !== undefined) {
          const amount = parseYuan(after.claimAmount);
          if ('fen' in amount) c.claimAmountFen = amount.fen.toString();
        }
        if (dto.claims !== undefined) c.claims = after.claims;
        const nowView = caseView(c);
        const changed = given.filter((f) => wasView[f] !== nowView[f]);
        if (changed.length === 0) throw nothingToCorrect();
        // The case type and the amount as they are may be sent again (a form sends every field); a change is refused.
        const decisive = changed.filter((f) => f !== 'claims');
        if (decisive.length > 0 && !CASE_FIELDS_CORRECTABLE.includes(c.status)) {
          throw new RuleViolationError(
            'CORRECTION_NOT_ALLOWED',
            `案件当前状态为“${CASE_STATUS_LABELS[c.status]}”，已分派调解员，不能再更正案由或标的额`,
            { status: c.status, fields: decisive },
          );
        }
        return {
          details: { corrected: pick(nowView, changed), reason: dto.reason?.trim() ?? null },
          beforeDetails: pick(wasView, changed),
          result: (saved) => caseView(saved, parties),
        };
      }),
    );
  }

  /** PATCH /cases/:id/parties/:partyId: a party's name, numbers, contacts, addresses or role. */
  correctParty(actor: Actor, caseId: string, partyId: string, dto: CorrectPartyDto) {
    const given = PARTY_FIELDS.filter((f) => dto[f] !== undefined);
    if (given.length === 0) throw nothingToCorrect();
    return this.seeingTheOther(actor, caseId, dto.version, () =>
      this.cases.record(actor, caseId, 'correctRegistration', { version: dto.version }, async (m, c) => {
        const parties = await partiesOf(m, c.id);
        const index = parties.findIndex((p) => p.id === partyId);
        if (!isUuid(partyId) || index < 0) throw partyNotFound();
        const party = parties[index];
        const before = currentInput(c, parties);
        const values = correctedValues(party, dto, given);
        const changed = given.filter((f) => values[f] !== party[f]);
        if (changed.length === 0) throw nothingToCorrect();
        const after: CaseInput = {
          ...before,
          parties: parties.map((p, i) => (i === index ? partyInput({ ...p, ...values }) : partyInput(p))),
        };
        const errors = newProblems(before, after, caseTypeNames());
        if (errors.length > 0) throw new ValidationFailedError(asPartyFields(errors, index));
        const was = historyOf(party, changed);
        Object.assign(party, values);
        if (changed.includes('serviceAddress')) clearVerification(party);
        await m.save(party);
        settleAddressVerified(c, parties);
        // A party of the case changed: touching the case moves its version for optimistic locking.
        c.updatedAt = this.clock.now();
        return {
          details: {
            partyId: party.id,
            partyName: party.name,
            corrected: historyOf(party, changed),
            reason: dto.reason?.trim() ?? null,
          },
          beforeDetails: { partyId: party.id, ...was },
          result: (saved) => caseView(saved, parties),
        };
      }),
    );
  }

  /** POST /cases/:id/parties: one more party, checked with the registration's rules. */
  addParty(actor: Actor, caseId: string, dto: AddPartyDto) {
    return this.seeingTheOther(actor, caseId, dto.version, () =>
      this.cases.record(actor, caseId, 'addParty', { version: dto.version }, async (m, c) => {
        const parties = await partiesOf(m, c.id);
        if (parties.length >= MAX_PARTIES) {
          throw new RuleViolationError('TOO_MANY_PARTIES', `当事人不能超过 ${MAX_PARTIES} 名`);
        }
        const { version: _version, ...input } = dto;
        const before = currentInput(c, parties);
        const after: CaseInput = { ...before, parties: [...before.parties, { ...input, name: input.name.trim() }] };
        const errors = newProblems(before, after, caseTypeNames());
        if (errors.length > 0) throw new ValidationFailedError(asPartyFields(errors, parties.length));
        const party = m.create(Party, {
          caseId: c.id,
          courtId: c.courtId,
          position: Math.max(-1, ...parties.map((p) => p.position)) + 1,
          role: input.role,
          kind: input.kind,
          name: input.name.trim(),
          idNumber: input.idNumber ?? null,
          creditCode: input.creditCode ?? null,
          legalRepresentative: input.legalRepresentative ?? null,
          phone: input.phone ?? null,
          address: input.address ?? null,
          serviceAddress: input.serviceAddress ?? null,
          addressVerification: null,
          addressVerificationResult: null,
          addressVerifiedAt: null,
        });
        await m.save(party);
        parties.push(party);
        const addressVerifiedBefore = c.addressVerified;
        settleAddressVerified(c, parties);
        c.updatedAt = this.clock.now();
        return {
          details: {
            partyId: party.id,
            partyName: party.name,
            role: party.role,
            kind: party.kind,
            added: historyOf(
              party,
              PARTY_FIELDS.filter((f) => party[f] !== null),
            ),
            addressVerified: c.addressVerified,
          },
          beforeDetails: { partyCount: parties.length - 1, addressVerified: addressVerifiedBefore },
          result: (saved) => caseView(saved, parties),
        };
      }),
    );
  }

  /** POST /cases/:id/parties/:partyId/agents: 委托代理人, with the scope of authority. */
  addAgent(actor: Actor, caseId: string, partyId: string, dto: AddAgentDto) {
    const powers = [...new Set(dto.powers ?? [])];
    const problems = agentProblems(dto, powers);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return this.seeingTheOther(actor, caseId, dto.version, () =>
      this.cases.record(actor, caseId, 'addAgent', { version: dto.version }, async (m, c) => {
        if (!isUuid(partyId)) throw partyNotFound();
        const party = await m.findOne(Party, { where: { id: partyId, caseId: c.id } });
        if (!party) throw partyNotFound();
        const agent = await m.save(
          m.create(PartyAgent, {
            courtId: c.courtId,
            caseId: c.id,
            partyId: party.id,
            kind: dto.kind,
            name: dto.name.trim(),
            licenceNumber: dto.licenceNumber?.trim() || null,
            firm: dto.firm?.trim() || null,
            phone: dto.phone?.trim() || null,
            scope: dto.scope,
            powers: dto.scope === 'SPECIAL' ? powers : [],
            addedBy: actor.userId,
            addedAt: this.clock.now(),
          }),
        );
        c.updatedAt = this.clock.now();
        const view = agentView(agent);
        return {
          details: {
            partyId: party.id,
            partyName: party.name,
            agentId: agent.id,
            agentName: agent.name,
            kind: agent.kind,
            licenceNumber: agent.licenceNumber,
            firm: agent.firm,
            scope: agent.scope,
            powers: agent.powers,
          },
          result: (saved: Case) => ({ ...view, caseVersion: saved.version }),
        };
      }),
    );
  }

  /** The agents of the case's parties, in the order added. */
  async agents(actor: Actor, caseId: string) {
    return this.agentsOfCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (the case page reads the case once). */
  async agentsOfCase(c: Pick<Case, 'id'>) {
    return (await this.caseReader.agentsOf(c.id)).map(agentView);
  }

  /**
   * POST /cases/:id/cancellation: 撤销登记 of a case registered by mistake, before any step beyond the notice (no
   * answer recorded). The case keeps its number, shown as cancelled; no number is given back.
   */
  cancel(actor: Actor, caseId: string, dto: CancelCaseDto) {
    return this.seeingTheOther(actor, caseId, dto.version, () =>
      this.cases.run(actor, caseId, 'cancelRegistration', { version: dto.version }, async (m, c, taken) => {
        const [{ n }] = (await m.query(`SELECT count(*)::int AS n FROM party_answers WHERE case_id = $1`, [c.id])) as {
          n: number;
        }[];
        if (n > 0) {
          throw new ConflictError(
            'CANCELLATION_TOO_LATE',
            `本案已登记 ${n} 名当事人的意见，已超出告知阶段，不能撤销登记`,
            { answers: n },
          );
        }
        c.cancelledAt = this.clock.now();
        c.cancellationReason = dto.reason.trim();
        const parties = await partiesOf(m, c.id);
        return {
          details: { reason: c.cancellationReason, filingNumber: c.filingNumber },
          beforeDetails: { status: taken.statusBefore },
          result: (saved) => ({
            ...caseView(saved, parties),
            cancelledAt: saved.cancelledAt,
            cancellationReason: saved.cancellationReason,
          }),
        };
      }),
    );
  }

  /**
   * Two clerks correcting the same case: the second's version is stale. The refusal says so and carries the case
   * as the first left it, so the second sees the change before trying again.
   */
  private async seeingTheOther<R>(actor: Actor, caseId: string, expected: number | undefined, write: () => Promise<R>) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
      const c = await this.cases.read(actor, caseId);
      const parties = await this.caseReader.partiesOf(c.id);
      throw new ConflictError(
        'STALE_VERSION',
        `本案已被他人修改：您看到的是第 ${expected} 版，现在是第 ${c.version} 版。请查看最新内容后再更正`,
        { expectedVersion: expected, currentVersion: c.version, case: caseView(c, parties) },
      );
    }
  }
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

/** The party's fields as corrected: text trimmed, empty text and null cleared. */
function correctedValues(party: Party, dto: CorrectPartyDto, given: readonly PartyField[]): Partial<Party> {
  const values: Record<string, unknown> = {};
  for (const f of given) {
    const v = dto[f];
    if (f === 'role') values.role = v;
    else if (f === 'name') values.name = (v as string).trim();
    else values[f] = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  }
  void party;
  return values as Partial<Party>;
}

function historyOf(party: Party, fields: readonly PartyField[]): Record<string, string | null> {
  return Object.fromEntries(fields.map((f) => [f, historyValue(f, party[f])]));
}

function clearVerification(party: Party): void {
  party.addressVerification = null;
  party.addressVerificationResult = null;
  party.addressVerifiedAt = null;
}

/** The case counts as address-verified while every defendant's service address is confirmed or corrected. */
function settleAddressVerified(c: Case, parties: Party[]): void {
  const defendants = parties.filter((p) => p.role === 'DEFENDANT');
  c.addressVerified =
    defendants.length > 0 &&
    defendants.every((p) => p.addressVerificationResult === 'CONFIRMED' || p.addressVerificationResult === 'CORRECTED');
}

/** Every problem of an agent at once: a lawyer's licence, a 特别授权's powers, the phone. */
function agentProblems(dto: AddAgentDto, powers: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  if (dto.kind === 'LAWYER' && !dto.licenceNumber?.trim()) {
    problems.push({ field: 'licenceNumber', code: 'REQUIRED', message: 'licenceNumber：律师须填执业证号' });
  }
  if (dto.scope === 'SPECIAL' && powers.length === 0) {
    problems.push({ field: 'powers', code: 'REQUIRED', message: 'powers：特别授权须列明授权事项' });
  }
  if (dto.scope === 'GENERAL' && powers.length > 0) {
    problems.push({
      field: 'powers',
      code: 'NOT_FOR_GENERAL',
      message:
        'powers：一般授权不能代为承认、放弃、变更诉讼请求，进行和解，提起反诉或者上诉；如有这些事项请选择特别授权',
    });
  }
  const phone = dto.phone?.trim();
  if (phone) {
    const problem = phoneProblem(phone);
    if (problem) problems.push({ field: 'phone', code: 'PHONE_INVALID', message: `phone：${problem}` });
  }
  return problems;
}
