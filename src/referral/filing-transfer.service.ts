import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { chinaDate, yearOf } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/errors.js';
import { filePackageLink, TransferRecords } from '../cases/file-package-link.js';
import { Court } from '../courts/court.entity.js';
import { CaseOps } from '../cases/case-ops.js';
import { CaseNumberService } from '../intake/case-number.service.js';
import { filingTransferOperation } from '../cases/case-state-machine.js';
import type { CaseStatus } from '../cases/case-status.js';
import { Case } from '../cases/case.entity.js';
import { Party } from '../cases/party.entity.js';
import { unreachableDefendants } from '../intake/service-address.js';
import { caseView } from '../cases/case-view.js';
import type { FileSuitDto } from './filing-transfer.dto.js';
import { FilingTransfer } from './filing-transfer.entity.js';
import { ReferralQueries } from './referral-queries.js';
import { stageNumber } from './court-numbers.js';
import { mediationRecordSummary } from './mediation-record.js';
import { partiesOf } from '../cases/case-finders.js';

interface TransferInput {
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
    /** 无争议事实 of a failed mediation, as they travelled with the case (null where none were recorded). */
    undisputedFacts: transfer.summary.undisputedFacts ?? null,
    summary: transfer.summary,
  };
}

/** 转立案: refused, failed and expired cases, and those not suitable for mediation, go to formal filing with their mediation file. */
@Injectable()
export class FilingTransferService {
  constructor(
    private readonly queries: ReferralQueries,
    private readonly cases: CaseOps,
    private readonly transferRecords: TransferRecords,
    private readonly clock: Clock,
    private readonly numbers: CaseNumberService,
  ) {}

  /**
   * REFUSED | FAILED | EXPIRED -> TRANSFERRED with a 民初 number of the year of the transfer (China date);
   * REGISTERED | NOTICE_ISSUED too while a defendant cannot be reached (需公告送达).
   */
  async transfer(actor: Actor, caseId: string, input: TransferInput) {
    // Which transfer depends on the defendants; the work records the same ones it was decided by.
    let unreachable: Party[] = [];
    const step = async (c: Case, m: EntityManager) => {
      unreachable = unreachableDefendants(await partiesOf(m, c.id));
      return filingTransferOperation(c, unreachable.length > 0);
    };
    const result = await this.cases.run(actor, caseId, step, { version: input.version }, async (m, c, taken) => {
      const { statusBefore } = taken;
      const now = this.clock.now();
      const court = await m.findOneByOrFail(Court, { id: c.courtId });
      c.filingNumber = await this.numbers.next(m, court, '民初', yearOf(chinaDate(now)));
      const { transfer } = await saveFiling(m, actor, c, statusBefore, input.note, now);
      return {
        alsoRecorded: this.transferRecords.of(m, c, taken.step),
        details: {
          filingNumber: c.filingNumber,
          note: transfer.note,
          ...(MEDIATION_STARTED.includes(statusBefore)
            ? {}
            : { reason: 'SERVICE_BY_PUBLIC_ANNOUNCEMENT', unreachablePartyIds: unreachable.map((p) => p.id) }),
        },
        result: (saved) => ({
          transfer: transferView(transfer),
          case: caseView(saved),
          filePackage: filePackageLink(saved),
        }),
      };
    });
    // The electronic file requested with the step is built now, off the request.
    this.transferRecords.committed();
    return result;
  }

  /**
   * 起诉立案 after non-litigation mediation (VOLUNTARY) did not settle it, or was refused: TRANSFERRED with the
   * 民初 number (the court's counter, or typed from its case system) and the trial procedure; the mediation
   * record, with the undisputed facts of a failed mediation, is kept with the filing and goes to trial with it.
   */
  async file(actor: Actor, caseId: string, input: FileSuitDto) {
    const result = await this.cases.run(
      actor,
      caseId,
      'fileSuit',
      { version: input.version },
      async (m, c, { statusBefore }) => {
        const now = this.clock.now();
        const court = await m.findOneByOrFail(Court, { id: c.courtId });
        c.filingNumber = await stageNumber(m, {
          court,
          type: '民初',
          typed: input.filingNumber,
          field: 'filingNumber',
          now,
          taken: (tm, number) => tm.exists(Case, { where: { filingNumber: number } }),
        });
        c.trialProcedure = input.trialProcedure;
        const { transfer: filing, summary } = await saveFiling(m, actor, c, statusBefore, input.note, now);
        return {
          alsoRecorded: this.transferRecords.of(m, c, 'fileSuit'),
          details: {
            filingNumber: c.filingNumber,
            trialProcedure: c.trialProcedure,
            note: filing.note,
            undisputedFacts: summary.undisputedFacts,
          },
          result: (saved: Case) => ({
            transfer: transferView(filing),
            case: caseView(saved),
            filePackage: filePackageLink(saved),
          }),
        };
      },
    );
    this.transferRecords.committed();
    return result;
  }

  /** Whether the filing form asks for the 民初 number (the court's case system gives it). */
  numbersTyped(c: Pick<Case, 'courtId'>): Promise<boolean> {
    return this.queries.numbersTyped(c.courtId);
  }

  async get(actor: Actor, caseId: string) {
    return this.getForCase(await this.cases.read(actor, caseId));
  }

  /** The same for a case already loaded for the actor (`loadCase`), so one page reads the case row once. */
  async getForCase(c: Case) {
    const transfer = await this.queries.transfer(c.id);
    if (!transfer) throw new NotFoundError('TRANSFER_NOT_FOUND', '该案件尚未转立案');
    return transferView(transfer);
  }
}

/**
 * The filing record of a case leaving for trial (转立案 or 起诉立案), with the mediation record that goes with it;
 * the case (its 民初 number already set) is marked transferred now.
 */
async function saveFiling(
  m: EntityManager,
  actor: Actor,
  c: Case,
  statusBefore: CaseStatus,
  note: string | undefined,
  now: Date,
) {
  const summary = await mediationRecordSummary(m, c.id);
  c.transferredAt = now;
  const transfer = await m.save(
    m.create(FilingTransfer, {
      caseId: c.id,
      courtId: c.courtId,
      filingNumber: c.filingNumber!,
      statusBefore,
      note: note?.trim() || null,
      summary,
      transferredBy: actor.userId,
      transferredAt: now,
    }),
  );
  return { transfer, summary };
}
