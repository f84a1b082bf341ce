// To trial through the fee (先行调解 → 交费通知 → 转入审理 / 按撤诉处理): the calculator, the notice and its PDF, the
// payment or relief, the ruling of withdrawal. Every case step goes through CaseOps.run (row lock, who, version,
// transition, history in one transaction), so a payment and a ruling at the same moment cannot both succeed.
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { findNoticeToPrint, TrialQueries, type NoticeToPrint } from './trial-queries.js';
import type { Actor } from '../common/actor.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { NotFoundError, ValidationFailedError } from '../common/errors.js';
import { formatYuan } from '../common/money.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { CaseOps } from '../cases/case-ops.js';
import { filePackageLink, TransferRecords } from '../cases/file-package-link.js';
import { TRIAL_PROCEDURE_LABELS, type TrialProcedure } from '../cases/procedure.js';
import { Case } from '../cases/case.entity.js';
import { caseTypeNames } from '../cases/case-types.js';
import { caseView } from '../cases/case-view.js';
import { acceptanceFee, FEE_KIND_LABELS, type AcceptanceFee } from './acceptance-fee.js';
import { FeeSettings } from './fee-config.js';
import { FeeNotice, type StoredFeeLine } from './fee-notice.entity.js';
import { amountFen, settlementOf } from './fee-settlement.js';
import { FEE_NOTICE_TITLE } from './fee-notice-title.js';
import { DocumentRenderer, type DocumentTask } from '../common/document-renderer.js';
import { AuditService } from '../audit/audit.service.js';
import { loadCase } from '../cases/case-access.js';
import { recordDocumentPrinted } from '../cases/case-history.js';
import {
  checkDeemedWithdrawal,
  checkPayment,
  checkReliefDecision,
  feeDueDate,
  FEE_RELIEF_LABELS,
  isOverdue,
  type NoticeTerms,
} from './fee-rules.js';
import type { AcceptanceFeeQuery, DeemedWithdrawalDto, FeePaymentDto } from './trial.dto.js';

/** The clerk's list stops here; a court with more open fee notices filters for the overdue ones. */
const OPEN_NOTICES_LIMIT = 500;

const feeNoticeNotFound = () => new NotFoundError('FEE_NOTICE_NOT_FOUND', '本案尚未发出交费通知');

const toLines = (fee: AcceptanceFee): StoredFeeLine[] =>
  fee.lines.map((line) => ({
    label: line.label,
    base: line.baseFen === null ? null : formatYuan(line.baseFen),
    rate: line.rate,
    amount: formatYuan(line.fen),
  }));

/** A calculation for people: the amount to pay, the full fee, each line, the basis. */
function feeQuoteView(fee: AcceptanceFee) {
  return {
    amount: formatYuan(fee.fen),
    fullAmount: formatYuan(fee.fullFen),
    halved: fee.halved,
    feeKind: fee.kind,
    feeKindLabel: FEE_KIND_LABELS[fee.kind],
    basis: fee.basis,
    lines: toLines(fee),
  };
}

const termsOf = (n: FeeNotice): NoticeTerms => ({
  amountFen: BigInt(n.amountFen),
  issuedOn: n.issuedOn,
  dueOn: n.dueOn,
  dueOnProvisional: n.dueOnProvisional,
});

/** Where the fee stands: still owed (and whether overdue), paid, relieved, or the suit ruled withdrawn. */
function feeState(n: FeeNotice, today: string) {
  if (n.deemedWithdrawnOn) return 'DEEMED_WITHDRAWN' as const;
  if (n.relief) return 'RELIEVED' as const;
  if (n.paidOn) return 'PAID' as const;
  return isOverdue(n, today) ? ('OVERDUE' as const) : ('PENDING' as const);
}

function feeNoticeView(n: FeeNotice, today: string) {
  return {
    caseId: n.caseId,
    amount: formatYuan(n.amountFen),
    fullAmount: formatYuan(n.fullAmountFen),
    halved: n.trialProcedure === 'SIMPLE',
    claimAmount: formatYuan(n.claimAmountFen),
    trialProcedure: n.trialProcedure,
    feeKind: n.feeKind,
    feeKindLabel: FEE_KIND_LABELS[n.feeKind],
    basis: n.basis,
    lines: n.lines,
    issuedOn: n.issuedOn,
    issuedBy: n.issuedBy,
    dueOn: n.dueOn,
    /** 暂定: the last day reaches a year whose holidays are not entered yet; 按撤诉处理 waits for the real one. */
    dueOnProvisional: n.dueOnProvisional,
    state: feeState(n, today),
    overdue: feeState(n, today) === 'OVERDUE',
    paidOn: n.paidOn,
    paidAmount: n.paidAmountFen === null ? null : formatYuan(n.paidAmountFen),
    relief: n.relief,
    reliefLabel: n.relief ? FEE_RELIEF_LABELS[n.relief] : null,
    reliefDecidedOn: n.reliefDecidedOn,
    reliefReason: n.reliefReason,
    deemedWithdrawnOn: n.deemedWithdrawnOn,
    pdfUrl: `/api/v1/cases/${n.caseId}/fee-notice/pdf`,
  };
}

type FeeNoticeView = ReturnType<typeof feeNoticeView>;

@Injectable()
export class TrialFeeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: TrialQueries,
    private readonly cases: CaseOps,
    private readonly transferRecords: TransferRecords,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    @Inject(FeeSettings) private readonly settings: FeeSettings,
    private readonly documents: DocumentRenderer,
    private readonly audit: AuditService,
  ) {}

  private today(): string {
    return chinaDate(this.clock.now());
  }

  /** The fee of a claim, for the calculator: what a case of this type and procedure would be told to pay. */
  quote(query: AcceptanceFeeQuery) {
    if (query.caseType !== undefined && !caseTypeNames().includes(query.caseType)) {
      throw ValidationFailedError.field(
        'caseType',
        'CASE_TYPE_UNKNOWN',
        `caseType：案由“${query.caseType.slice(0, 30)}”不在本院案由列表中`,
      );
    }
    return feeQuoteView(this.feeOf(amountFen(query.amount), query.caseType, query.trialProcedure ?? 'ORDINARY'));
  }

  private feeOf(claimFen: bigint, caseType: string | undefined, trialProcedure: TrialProcedure): AcceptanceFee {
    const nonProperty = caseType === undefined ? undefined : this.settings.nonPropertyFee(caseType);
    return acceptanceFee({ claimFen, trialProcedure, nonProperty });
  }

  /** What the case would be told to pay now (the page shows it before the clerk confirms). */
  quoteForCase(c: Case) {
    return feeQuoteView(this.feeOf(BigInt(c.claimAmountFen), c.caseType, c.trialProcedure ?? 'ORDINARY'));
  }

  /** 转入审理: the fee notice, due 7 days from the day after it (the period rule); the case is FEE_PENDING. */
  async transferToTrial(actor: Actor, caseId: string, input: { version?: number }) {
    const options = { version: input.version };
    const result = await this.cases.run(actor, caseId, 'transferToTrial', options, async (m, c, { statusBefore }) => {
      const trialProcedure = c.trialProcedure ?? 'ORDINARY';
      const fee = this.feeOf(BigInt(c.claimAmountFen), c.caseType, trialProcedure);
      const now = this.clock.now();
      const issuedOn = chinaDate(now);
      const due = feeDueDate(await this.calendar.scheduleForCase(m), issuedOn);
      const notice = await m.save(
        m.create(FeeNotice, {
          caseId: c.id,
          courtId: c.courtId,
          claimAmountFen: c.claimAmountFen,
          trialProcedure,
          feeKind: fee.kind,
          fullAmountFen: String(fee.fullFen),
          amountFen: String(fee.fen),
          lines: toLines(fee),
          basis: fee.basis,
          statusBefore,
          issuedOn,
          issuedBy: actor.userId,
          issuedAt: now,
          dueOn: due.date,
          dueOnProvisional: due.provisional,
        }),
      );
      return {
        alsoRecorded: this.transferRecords.of(m, c, 'transferToTrial'),
        details: {
          amount: formatYuan(fee.fen),
          fullAmount: formatYuan(fee.fullFen),
          feeKind: fee.kind,
          trialProcedure,
          issuedOn,
          dueOn: due.date,
          dueOnProvisional: due.provisional,
        },
        result: (saved) => ({ ...this.caseWithNotice(saved, notice), filePackage: filePackageLink(saved) }),
      };
    });
    // The electronic file requested with the step is built now, off the request.
    this.transferRecords.committed();
    return result;
  }

  /** 登记交费 or 缓交/减交/免交 (司法救助): FEE_PENDING → IN_TRIAL. */
  recordPayment(actor: Actor, caseId: string, dto: FeePaymentDto) {
    const settlement = settlementOf(dto);
    const step = settlement.kind === 'PAYMENT' ? 'recordFeePayment' : 'grantFeeRelief';
    return this.cases.run(actor, caseId, step, { version: dto.version }, async (m, c) => {
      const notice = await this.lockedNotice(m, c.id);
      const today = this.today();
      const payment = settlement.kind === 'PAYMENT' ? settlement : settlement.payment;
      if (settlement.kind === 'RELIEF') checkReliefDecision(settlement.decidedOn, today, chinaDate(c.registeredAt));
      if (payment) checkPayment(termsOf(notice), payment, today, settlement.kind === 'RELIEF');
      if (payment) {
        notice.paidOn = payment.paidOn;
        notice.paidAmountFen = String(payment.amountFen);
      }
      if (settlement.kind === 'RELIEF') {
        notice.relief = settlement.relief;
        notice.reliefDecidedOn = settlement.decidedOn;
        notice.reliefReason = settlement.reason;
      }
      notice.settledBy = actor.userId;
      notice.settledAt = this.clock.now();
      await m.save(notice);
      return {
        details: {
          amount: formatYuan(notice.amountFen),
          ...(payment ? { paidOn: payment.paidOn, paidAmount: formatYuan(payment.amountFen) } : {}),
          ...(settlement.kind === 'RELIEF'
            ? { relief: settlement.relief, decidedOn: settlement.decidedOn, reason: settlement.reason }
            : {}),
          ...(payment && payment.paidOn > notice.dueOn ? { paidAfterDueOn: notice.dueOn } : {}),
        },
        result: (saved) => this.caseWithNotice(saved, notice),
      };
    });
  }

  /** 按撤诉处理: a person's ruling on a case whose fee is overdue (FEE_NOT_OVERDUE before). */
  deemWithdrawn(actor: Actor, caseId: string, dto: DeemedWithdrawalDto) {
    return this.cases.run(actor, caseId, 'deemWithdrawn', { version: dto.version }, async (m, c) => {
      const notice = await this.lockedNotice(m, c.id);
      checkDeemedWithdrawal(termsOf(notice), dto.ruledOn, this.today());
      const now = this.clock.now();
      notice.deemedWithdrawnOn = dto.ruledOn;
      notice.settledBy = actor.userId;
      notice.settledAt = now;
      await m.save(notice);
      c.concludedAt ??= now;
      return {
        details: { ruledOn: dto.ruledOn, dueOn: notice.dueOn, amount: formatYuan(notice.amountFen) },
        result: (saved) => this.caseWithNotice(saved, notice),
      };
    });
  }

  async notice(actor: Actor, caseId: string): Promise<FeeNoticeView> {
    const notice = await this.noticeForCase(await this.cases.read(actor, caseId));
    if (!notice) throw feeNoticeNotFound();
    return notice;
  }

  /** The notice of a case already read for the actor (the case page), or null when none was issued. */
  async noticeForCase(c: Pick<Case, 'id'>): Promise<FeeNoticeView | null> {
    const notice = await this.queries.feeNotice(c.id);
    return notice ? feeNoticeView(notice, this.today()) : null;
  }

  /** The notice as printed for the parties (their names): the download is recorded in the case's history first. */
  async pdf(actor: Actor, caseId: string): Promise<{ pdf: Buffer; filename: string }> {
    const c = await this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId);
      const notice = await m.findOneBy(FeeNotice, { caseId: c.id });
      if (!notice) throw feeNoticeNotFound();
      await recordDocumentPrinted(this.audit, m, actor, c, 'fee-notice', { issuedOn: notice.issuedOn });
      return c;
    });
    const printed = await this.printedOfCase(c);
    if (!printed) throw feeNoticeNotFound();
    return printed;
  }

  /** The fee notice of a case already read for the actor, as printed; null when none was issued. */
  async printedOfCase(c: Case): Promise<{ title: string; pdf: Buffer; filename: string } | null> {
    const found = await this.queries.noticeToPrint(c);
    const printed = found && feeNoticePrintTask(c, found);
    return (
      printed && {
        title: printed.title,
        filename: printed.filename,
        pdf: await this.documents.renderTask(printed.task),
      }
    );
  }

  /** The fee notice as a document still to render (the stored file package); null when none was issued. */
  async printTaskOfCase(m: EntityManager, c: Case) {
    const found = await findNoticeToPrint(m, c);
    return found && feeNoticePrintTask(c, found);
  }

  /**
   * The court's fee notices still waiting for a payment (all, or only the overdue ones), earliest last day
   * first: the clerk's list. Read through ix_fee_notices_open_due.
   */
  async openNotices(actor: Actor, overdueOnly: boolean) {
    const today = this.today();
    const { notices, cases: byId } = await this.queries.openFeeNotices(
      actor,
      overdueOnly ? today : null,
      OPEN_NOTICES_LIMIT,
    );
    return notices.map((n) => ({
      ...feeNoticeView(n, today),
      filingNumber: byId.get(n.caseId)?.filingNumber ?? null,
      caseType: byId.get(n.caseId)?.caseType ?? '',
    }));
  }

  private async lockedNotice(m: EntityManager, caseId: string): Promise<FeeNotice> {
    const notice = await m.findOne(FeeNotice, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
    // A FEE_PENDING case always has its notice (issued in the same transaction as the status).
    if (!notice) throw feeNoticeNotFound();
    return notice;
  }

  private caseWithNotice(c: Case, notice: FeeNotice) {
    return { ...caseView(c), feeNotice: feeNoticeView(notice, this.today()) };
  }
}

/** The fee notice as a document to render, from the notice, the case's court and its parties. */
function feeNoticePrintTask(c: Case, { notice, court, parties }: NoticeToPrint) {
  const filingNumber = c.filingNumber ?? '';
  const task: DocumentTask = {
    kind: 'fee-notice',
    model: {
      courtName: court.name,
      courtAddress: court.address,
      courtPhone: court.phone,
      filingNumber,
      caseType: c.caseType,
      plaintiffs: parties.filter((p) => p.role === 'PLAINTIFF').map((p) => p.name),
      defendants: parties.filter((p) => p.role === 'DEFENDANT').map((p) => p.name),
      claimAmount: formatYuan(notice.claimAmountFen),
      trialProcedureLabel: TRIAL_PROCEDURE_LABELS[notice.trialProcedure],
      feeKindLabel: FEE_KIND_LABELS[notice.feeKind],
      lines: notice.lines,
      fullAmount: formatYuan(notice.fullAmountFen),
      amount: formatYuan(notice.amountFen),
      halved: notice.trialProcedure === 'SIMPLE',
      basis: notice.basis,
      issuedOn: notice.issuedOn,
      dueOn: notice.dueOn,
      dueOnProvisional: notice.dueOnProvisional,
    },
  };
  return { title: FEE_NOTICE_TITLE, task, filename: `${FEE_NOTICE_TITLE}${filingNumber}.pdf` };
}
