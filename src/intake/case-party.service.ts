import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { RefusedAccessRecorder } from '../audit/refused-access.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/court-scope.js';
import { ForbiddenError, NotFoundError, RuleViolationError, ValidationFailedError } from '../common/errors.js';
import { findInCourtOrFail } from '../common/court-scope.js';
import { NotificationService } from '../notifications/notification.service.js';
import { caseNotFound } from '../cases/case-access.js';
import { CaseOps } from '../cases/case-ops.js';
import { Case } from '../cases/case.entity.js';
import {
  assertMayReveal,
  IdentitySearchForbiddenError,
  maySearchByIdentityNumber,
  REVEAL_LIMIT_PER_HOUR,
  RevealLimitError,
  revealsWithinHour,
} from './personal-data-access.js';
import { maskIdNumber } from '../common/personal-data.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { caseView } from '../cases/case-view.js';
import type { AddressVerificationDto } from './address-verification.dto.js';
import { Party, type AddressVerificationResult } from '../cases/party.entity.js';
import { partiesOf } from '../cases/case-finders.js';

/** Results after which a defendant's service address counts as verified. */
const VERIFIED_RESULTS: readonly AddressVerificationResult[] = ['CONFIRMED', 'CORRECTED'];

const partyNotFound = () => new NotFoundError('PARTY_NOT_FOUND', '该案件中没有这名当事人');

/** What the case's parties carry beyond registration: verified addresses, and reading their personal numbers. */
@Injectable()
export class CasePartyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseOps,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly refusals: RefusedAccessRecorder,
  ) {}

  /**
   * 送达地址核实: records how a defendant's service address was checked. A
   * correction replaces the address; the case counts as address-verified once
   * every defendant's address is confirmed or corrected.
   */
  async verifyAddress(actor: Actor, caseId: string, dto: AddressVerificationDto) {
    checkCorrection(dto);
    return this.cases.run(actor, caseId, 'verifyAddress', { version: dto.version }, async (m, c) => {
      const parties = await partiesOf(m, c.id);
      const party = parties.find((p) => p.id === dto.partyId);
      if (!party) throw partyNotFound();
      if (party.role !== 'DEFENDANT') {
        throw new RuleViolationError('ADDRESS_VERIFICATION_DEFENDANT_ONLY', '只核实被申请人（被告）的送达地址', {
          partyId: party.id,
          role: party.role,
        });
      }
      const before = addressState(party);
      const addressVerifiedBefore = c.addressVerified;
      const now = this.clock.now();
      party.addressVerification = dto.method;
      party.addressVerificationResult = dto.result;
      party.addressVerifiedAt = now;
      if (dto.result === 'CORRECTED') party.serviceAddress = dto.correctedAddress!.trim();
      await m.save(party);

      c.addressVerified = parties
        .filter((p) => p.role === 'DEFENDANT')
        .every((p) => p.addressVerificationResult !== null && VERIFIED_RESULTS.includes(p.addressVerificationResult));
      // A party of the case changed: touching the case moves its version for optimistic locking.
      c.updatedAt = now;
      return {
        details: { ...addressState(party), addressVerified: c.addressVerified, note: dto.note ?? null },
        beforeDetails: { ...before, addressVerified: addressVerifiedBefore },
        result: (saved) => caseView(saved, parties),
      };
    });
  }

  /**
   * Shows a party's full identity number and phone to the case's own people (personal-data-access.ts) and
   * records who read what (查看个人信息留痕) before answering. Past the hourly limit the refusal is
   * recorded and the court's administrators are told, then 429.
   */
  async revealPersonalData(actor: Actor, caseId: string, partyId: string) {
    // What was asked: the case, and the party only with a case of the actor's court (refused-access.ts).
    const asked = { caseId, ofCase: { partyId: isUuid(partyId) ? partyId : null } };
    const outcome = await this.revealOrRecordRefusal(actor, asked, (m) => this.reveal(m, actor, caseId, partyId));
    if (!outcome) throw new RevealLimitError();
    return outcome;
  }

  /**
   * A refused reading of personal data (not of the case, no such case or party, a role that may not search by
   * number) is itself in the history (PERSONAL_DATA_ACCESS_REFUSED, on the user), written after the refused
   * transaction has rolled back, then the refusal is answered as before.
   */
  private async revealOrRecordRefusal<T>(
    actor: Actor,
    asked: { caseId?: string; ofCase?: Record<string, unknown> } & Record<string, unknown>,
    read: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(read);
    } catch (error) {
      if (error instanceof ForbiddenError || error instanceof NotFoundError) {
        await this.refusals.record(actor, { ...asked, code: error.code }, error);
      }
      throw error;
    }
  }

  private async reveal(m: EntityManager, actor: Actor, caseId: string, partyId: string) {
    const c = await findInCourtOrFail(m, Case, actor, caseId, caseNotFound);
    await assertMayReveal(m, actor, c);
    if (!isUuid(partyId)) throw partyNotFound();
    const party = await m.findOne(Party, { where: { id: partyId, caseId: c.id } });
    if (!party) throw partyNotFound();
    if ((await revealsWithinHour(m, actor)) >= REVEAL_LIMIT_PER_HOUR) {
      await this.reportRevealLimit(m, actor, { caseId: c.id });
      return undefined;
    }
    const fields = (['idNumber', 'phone'] as const).filter((field) => party[field] !== null);
    await recordCaseEvent(this.audit, m, actor, c, 'PERSONAL_DATA_VIEWED', null, {
      partyId: party.id,
      partyName: party.name,
      fields,
    });
    return { caseId: c.id, partyId: party.id, name: party.name, idNumber: party.idNumber, phone: party.phone };
  }

  /**
   * A search of the worklist by a full identity number or credit code (case-list.service.ts): refused to who
   * may not reveal personal data, otherwise counted against the same hourly limit and recorded in the history
   * (on the user, the number masked). `search` runs in the same transaction, so a search past the limit
   * answers nothing. Past the limit: recorded, the administrators told, 429.
   */
  async identitySearch<T>(
    actor: Actor,
    number: string,
    search: (m: EntityManager) => Promise<{ result: T; caseIds: string[] }>,
  ): Promise<T> {
    if (!maySearchByIdentityNumber(actor)) {
      return this.revealOrRecordRefusal(actor, { search: 'IDENTITY_NUMBER', number: maskIdNumber(number) }, () =>
        Promise.reject(new IdentitySearchForbiddenError()),
      );
    }
    const outcome = await this.dataSource.transaction(async (m) => {
      if ((await revealsWithinHour(m, actor)) >= REVEAL_LIMIT_PER_HOUR) {
        await this.reportRevealLimit(m, actor, { search: 'IDENTITY_NUMBER' });
        return undefined;
      }
      const found = await search(m);
      await this.audit.record(m, actor, {
        subjectType: 'USER',
        subjectId: actor.userId,
        action: 'PERSONAL_DATA_VIEWED',
        after: {
          search: 'IDENTITY_NUMBER',
          number: maskIdNumber(number),
          matched: found.caseIds.length,
          caseIds: found.caseIds,
        },
      });
      return { result: found.result };
    });
    if (!outcome) throw new RevealLimitError();
    return outcome.result;
  }

  /** The refusal in the history (on the user), and once an hour a notification to each administrator. */
  private async reportRevealLimit(m: EntityManager, actor: Actor, context: Record<string, unknown>): Promise<void> {
    await this.audit.record(m, actor, {
      subjectType: 'USER',
      subjectId: actor.userId,
      action: 'PERSONAL_DATA_REVEAL_REFUSED',
      after: { ...context, limitPerHour: REVEAL_LIMIT_PER_HOUR },
    });
    const admins: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE court_id = $1 AND active AND 'ADMIN' = ANY (roles)`,
      [actor.courtId],
    );
    const hour = this.clock.now().toISOString().slice(0, 13);
    for (const admin of admins) {
      await this.notifications.notify(m, {
        courtId: actor.courtId,
        recipientUserId: admin.id,
        kind: 'PERSONAL_DATA_REVEAL_LIMIT',
        subjectType: 'USER',
        subjectId: actor.userId,
        message: `${actor.displayName}（${actor.username}）一小时内查看完整个人信息超过 ${REVEAL_LIMIT_PER_HOUR} 次，已被暂停查看，请核实`,
        dedupeKey: `reveal-limit:${actor.userId}:${hour}`,
      });
    }
  }
}

function checkCorrection(dto: AddressVerificationDto): void {
  if (dto.result === 'CORRECTED' && !dto.correctedAddress?.trim()) {
    throw ValidationFailedError.field(
      'correctedAddress',
      'REQUIRED',
      'correctedAddress：核实结果为“已更正”时须填写更正后的送达地址',
    );
  }
  if (dto.result !== 'CORRECTED' && dto.correctedAddress !== undefined) {
    throw ValidationFailedError.field(
      'correctedAddress',
      'ONLY_WHEN_CORRECTED',
      'correctedAddress：只有核实结果为“已更正”时才填写更正后的地址',
    );
  }
}

function addressState(party: Party) {
  return {
    partyId: party.id,
    serviceAddress: party.serviceAddress,
    method: party.addressVerification,
    result: party.addressVerificationResult,
  };
}
