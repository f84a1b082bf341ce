import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { expectVersion, loadCase } from '../cases/case-access.js';
import type { Case } from '../cases/case.entity.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { CaseNumberService } from '../intake/case-number.service.js';
import { filingTransferOperation, transition } from '../cases/case-state-machine.js';
import type { CaseStatus } from '../cases/case-status.js';
import { unreachableDefendants } from '../intake/service-address.js';
import { caseView } from '../intake/case-view.js';
import { FilingTransfer } from './filing-transfer.entity.js';
import { mediationRecordSummary } from './mediation-record.js';
import { partiesOf } from '../cases/case-finders.js';

export interface TransferInput {
  note?: string;
  version?: number;
}

/** Statuses a case reaches after its notice was answered: transferred as refused, failed or expired. */
const MEDIATION_STARTED: readonly CaseStatus[] = ['REFUSED', 'FAILED', 'EXPIRED'];

function transferView(transfer: FilingTransfer) {
  return {
    caseId: transfer.caseId,
    filingNumber: transfer.filingNumber,
    statusBefore: transfer.statusBefore,
    note: transfer.note,
    transferredBy: transfer.transferredBy,
    transferredAt: transfer.transferredAt,
    summary: transfer.summary,
  };
}

/** 转立案: refused, failed and expired cases, and those not suitable for mediation, go to formal filing with their mediation file. */
@Injectable()
export class FilingTransferService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly numbers: CaseNumberService,
  ) {}

  /**
   * REFUSED | FAILED | EXPIRED -> TRANSFERRED with a 民初 number of the year of the transfer (China date);
   * REGISTERED | NOTICE_ISSUED too while a defendant cannot be reached (需公告送达).
   */
  async transfer(actor: Actor, caseId: string, input: TransferInput) {
    const { c, transfer } = await this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId, true);
      expectVersion(c, input.version);
      const statusBefore = c.status;
      const parties = await partiesOf(m, c.id);
      const unreachable = unreachableDefendants(parties);
      const next = transition(c.status, filingTransferOperation(c.status, unreachable.length > 0));
      const summary = await mediationRecordSummary(m, c.id);
      const now = this.clock.now();
      const court = await m.findOneByOrFail(Court, { id: c.courtId });
      c.filingNumber = await this.numbers.next(m, court, '民初', yearOf(chinaDate(now)));
      c.status = next;
      c.transferredAt = now;
      const saved = await m.save(c);
      const transfer = await m.save(
        m.create(FilingTransfer, {
          caseId: c.id,
          courtId: c.courtId,
          filingNumber: c.filingNumber,
          statusBefore,
          note: input.note?.trim() || null,
          summary,
          transferredBy: actor.userId,
          transferredAt: now,
        }),
      );
      await recordCaseEvent(this.audit, m, actor, saved, 'CASE_TRANSFERRED', statusBefore, {
        filingNumber: c.filingNumber,
        note: transfer.note,
        ...(MEDIATION_STARTED.includes(statusBefore)
          ? {}
          : { reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT', unreachablePartyIds: unreachable.map((p) => p.id) }),
      });
      return { c: saved, transfer };
    });
    return { transfer: transferView(transfer), case: caseView(c) };
  }

  async get(actor: Actor, caseId: string) {
    return this.getForCase(await loadCase(this.dataSource.manager, actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async getForCase(c: Case) {
    const transfer = await this.dataSource.getRepository(FilingTransfer).findOneBy({ caseId: c.id });
    if (!transfer) throw new NotFoundError('TRANSFER_NOT_FOUND', '该案件尚未转立案');
    return transferView(transfer);
  }
}
