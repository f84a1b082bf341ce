// 司法确认 (Civil Procedure Law arts. 205-206): both parties apply, within 30 days of the agreement taking effect,
// for the court to confirm it; the application gets a 民特 number; a judge rules (确认有效 / 驳回), the ruling is
// printed (民事裁定书), and a confirmed agreement can be enforced. Under the old procedure the ruling could be
// recorded in one go, with the application date and a typed ruling number; that stays for its cases.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { User } from '../auth/user.entity.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { loadCase } from '../cases/case-access.js';
import { recordDocumentPrinted } from '../cases/case-history.js';
import { AuditService } from '../audit/audit.service.js';
import { partiesOf } from '../cases/case-finders.js';
import { CaseOps } from '../cases/case-ops.js';
import type { Case } from '../cases/case.entity.js';
import { chinaDate } from '../common/china-time.js';
import { Clock } from '../common/clock.js';
import { ConflictError, RuleViolationError, ValidationFailedError, type FieldError } from '../common/errors.js';
import { Court } from '../courts/court.entity.js';
import { stageNumber } from '../referral/court-numbers.js';
import { MediationQueries } from './mediation-queries.js';
import { pastDateProblem } from './date-rules.js';
import { requireAppliedInTime } from './judicial-confirmation-period.js';
import { JudicialConfirmation } from './judicial-confirmation.entity.js';
import { rulingParty, type RulingDocument } from './judicial-ruling-text.js';
import { DocumentRenderer } from '../common/document-renderer.js';
import { MediationOutcome } from './mediation-outcome.entity.js';
import { judicialConfirmationView } from './mediation-views.js';
import { judicialConfirmationApplies } from './outcome-rules.js';
import { settledOutcome } from './outcomes.service.js';
import type { ApplyJudicialConfirmationDto, RecordJudicialConfirmationDto } from './settlement-follow-up.dto.js';

const noRuling = () =>
  new RuleViolationError('NO_JUDICIAL_CONFIRMATION_RULING', '本案的司法确认申请尚未裁定，没有可打印的民事裁定书');

@Injectable()
export class JudicialConfirmationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: MediationQueries,
    private readonly cases: CaseOps,
    private readonly clock: Clock,
    private readonly calendar: CalendarService,
    private readonly documents: DocumentRenderer,
    private readonly audit: AuditService,
  ) {}

  /**
   * 司法确认申请 on a settled case whose agreement is for confirmation: in time (30 days, a legal period), once;
   * it gets its 民特 number (the court's counter, or typed from its case system).
   */
  apply(actor: Actor, caseId: string, dto: ApplyJudicialConfirmationDto) {
    return this.cases.run(actor, caseId, 'applyJudicialConfirmation', { version: dto.version }, async (m, c) => {
      const outcome = await settledOutcome(m, c);
      requireConfirmable(outcome);
      await requireNone(m, c);
      const now = this.clock.now();
      const agreedOn = outcome.agreedOn!;
      requireNoProblems([
        pastDateProblem('appliedOn', dto.appliedOn, {
          today: chinaDate(now),
          earliest: { date: agreedOn, label: '调解协议达成之日' },
        }),
      ]);
      await requireAppliedInTime(this.calendar, m, agreedOn, dto.appliedOn);
      const court = await m.findOneByOrFail(Court, { id: c.courtId });
      const applicationNumber = await stageNumber(m, {
        court,
        type: '民特',
        typed: dto.applicationNumber,
        field: 'applicationNumber',
        now,
        taken: (tm, number) => tm.exists(JudicialConfirmation, { where: { applicationNumber: number } }),
      });
      const application = await m.save(
        m.create(JudicialConfirmation, {
          caseId: c.id,
          courtId: c.courtId,
          appliedOn: dto.appliedOn,
          applicationNumber,
          appliedBy: actor.userId,
          appliedAt: now,
          decision: null,
          decidedOn: null,
          rulingNumber: null,
          note: null,
          recordedBy: null,
          recordedAt: null,
        }),
      );
      return {
        details: { judicialConfirmationId: application.id, applicationNumber, appliedOn: dto.appliedOn, agreedOn },
        result: (saved: Case) => ({
          caseId: c.id,
          ...judicialConfirmationView(application),
          caseVersion: saved.version,
        }),
      };
    });
  }

  /**
   * The judge's ruling (确认有效 / 驳回) on the application. A case of the old procedure without an application
   * may still have it recorded in one go (its application date and typed ruling number with it); every other
   * case needs the application first (409 JUDICIAL_CONFIRMATION_NOT_APPLIED).
   */
  rule(actor: Actor, caseId: string, dto: RecordJudicialConfirmationDto) {
    return this.cases.run(actor, caseId, 'recordJudicialConfirmation', { version: dto.version }, async (m, c) => {
      const outcome = await settledOutcome(m, c);
      requireConfirmable(outcome);
      const existing = await m.findOne(JudicialConfirmation, { where: { caseId: c.id } });
      if (existing?.decision) {
        throw new ConflictError('JUDICIAL_CONFIRMATION_EXISTS', '该案件已登记司法确认结果，不能重复登记');
      }
      const today = chinaDate(this.clock.now());
      const confirmation = existing
        ? this.ruleOnApplication(existing, dto, today)
        : await this.recordInOneGo(m, c, outcome, dto, today);
      confirmation.note = dto.note?.trim() || null;
      confirmation.recordedBy = actor.userId;
      confirmation.recordedAt = this.clock.now();
      const saved = await m.save(confirmation);
      return {
        details: {
          judicialConfirmationId: saved.id,
          settlementMethod: outcome.settlementMethod,
          applicationNumber: saved.applicationNumber,
          appliedOn: saved.appliedOn,
          decision: saved.decision,
          decidedOn: saved.decidedOn,
          rulingNumber: saved.rulingNumber,
        },
        result: (after: Case) => ({ caseId: c.id, ...judicialConfirmationView(saved), caseVersion: after.version }),
      };
    });
  }

  /** The ruling on a recorded application: its number is the application's; its date not before it. */
  private ruleOnApplication(application: JudicialConfirmation, dto: RecordJudicialConfirmationDto, today: string) {
    const decidedOn = dto.decidedOn ?? today;
    const number = application.applicationNumber!;
    requireNoProblems([
      dto.appliedOn !== undefined && dto.appliedOn !== application.appliedOn
        ? {
            field: 'appliedOn',
            code: 'APPLICATION_MISMATCH',
            message: `appliedOn：与已登记的申请日（${application.appliedOn}）不一致，可不填写`,
          }
        : null,
      dto.rulingNumber !== undefined && dto.rulingNumber.trim() !== number
        ? {
            field: 'rulingNumber',
            code: 'APPLICATION_MISMATCH',
            message: `rulingNumber：裁定书案号即申请的案号（${number}），可不填写`,
          }
        : null,
      pastDateProblem('decidedOn', decidedOn, { today, earliest: { date: application.appliedOn, label: '申请之日' } }),
    ]);
    return Object.assign(application, { decision: dto.decision, decidedOn, rulingNumber: number });
  }

  /** The old procedure's confirmation recorded in one go: the application date and a typed ruling number. */
  private async recordInOneGo(
    m: EntityManager,
    c: Case,
    outcome: MediationOutcome,
    dto: RecordJudicialConfirmationDto,
    today: string,
  ): Promise<JudicialConfirmation> {
    if (c.procedure !== 'LEGACY_PRE_FILING') {
      throw new ConflictError(
        'JUDICIAL_CONFIRMATION_NOT_APPLIED',
        '本案尚未登记司法确认申请，请先登记申请（取得民特案号），再登记裁定结果',
      );
    }
    const decidedOn = dto.decidedOn ?? today;
    requireNoProblems([
      dto.appliedOn === undefined
        ? { field: 'appliedOn', code: 'REQUIRED', message: 'appliedOn：请填写申请司法确认之日' }
        : pastDateProblem('appliedOn', dto.appliedOn, {
            today,
            earliest: { date: outcome.agreedOn, label: '调解协议达成之日' },
          }),
      pastDateProblem('decidedOn', decidedOn, { today, earliest: { date: dto.appliedOn ?? null, label: '申请之日' } }),
      dto.decision === 'CONFIRMED' && !dto.rulingNumber?.trim()
        ? { field: 'rulingNumber', code: 'REQUIRED', message: 'rulingNumber：确认有效时须填写裁定书案号' }
        : null,
    ]);
    await requireAppliedInTime(this.calendar, m, outcome.agreedOn!, dto.appliedOn!);
    return m.create(JudicialConfirmation, {
      caseId: c.id,
      courtId: c.courtId,
      appliedOn: dto.appliedOn!,
      applicationNumber: null,
      appliedBy: null,
      appliedAt: null,
      decision: dto.decision,
      decidedOn,
      rulingNumber: dto.rulingNumber?.trim() || null,
    });
  }

  /** Whether the case's court types its 民特 numbers from its case system (EXTERNAL), for the application form. */
  numbersTyped(c: Pick<Case, 'courtId'>): Promise<boolean> {
    return this.queries.numbersTyped(c.courtId);
  }

  /**
   * The 民事裁定书 of the ruling, as a PDF (the court, the 民特 number, the applicants with their addresses, the
   * agreement, the decision); each printing is in the case's history.
   */
  async rulingPdf(actor: Actor, caseId: string): Promise<{ pdf: Buffer; filename: string }> {
    const document = await this.rulingDocument(actor, caseId);
    return {
      pdf: await this.documents.render('judicial-ruling', document),
      filename: `民事裁定书${document.number}.pdf`,
    };
  }

  private rulingDocument(actor: Actor, caseId: string): Promise<RulingDocument> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const c = await loadCase(m, actor, caseId);
      const confirmation = await m.findOne(JudicialConfirmation, { where: { caseId: c.id } });
      const outcome = await m.findOne(MediationOutcome, { where: { caseId: c.id, result: 'SETTLED' } });
      if (!confirmation?.decision || !confirmation.decidedOn || !outcome?.agreement) throw noRuling();
      const court = await m.findOneByOrFail(Court, { id: c.courtId });
      const parties = await partiesOf(m, c.id);
      const judge = confirmation.recordedBy ? await m.findOneBy(User, { id: confirmation.recordedBy }) : null;
      await recordDocumentPrinted(this.audit, m, actor, c, 'judicial-ruling', {
        partyIds: parties.map((p) => p.id),
      });
      const [organization]: { name: string }[] = await m.query(
        'SELECT name FROM mediation_organizations WHERE id = $1',
        [c.organizationId],
      );
      return {
        courtName: court.name,
        number: confirmation.applicationNumber ?? confirmation.rulingNumber ?? '',
        parties: parties.filter((p) => p.role !== 'THIRD_PARTY').map(rulingParty),
        organizationName: organization?.name ?? null,
        agreedOn: outcome.agreedOn ?? outcome.concludedOn,
        appliedOn: confirmation.appliedOn,
        agreement: outcome.agreement,
        decision: confirmation.decision,
        decidedOn: confirmation.decidedOn,
        judgeName: judge?.displayName ?? null,
      };
    });
  }
}

/** A settlement ended by withdrawing the claim (撤回) leaves nothing for a court to confirm. */
function requireConfirmable(outcome: MediationOutcome): void {
  if (judicialConfirmationApplies(outcome.settlementMethod)) return;
  throw new RuleViolationError(
    'JUDICIAL_CONFIRMATION_NOT_APPLICABLE',
    '该调解协议的结案方式为撤回起诉，不适用司法确认',
    { settlementMethod: outcome.settlementMethod },
  );
}

/** One application per case (and none after a confirmation recorded in one go). */
async function requireNone(m: EntityManager, c: Case): Promise<void> {
  const existing = await m.findOne(JudicialConfirmation, { where: { caseId: c.id } });
  if (!existing) return;
  throw new ConflictError(
    'JUDICIAL_CONFIRMATION_APPLIED',
    existing.applicationNumber
      ? `本案已申请司法确认（${existing.applicationNumber}），不能重复申请`
      : '本案已登记司法确认结果，不能再申请',
    { applicationNumber: existing.applicationNumber },
  );
}

function requireNoProblems(problems: (FieldError | null)[]): void {
  const errors = problems.filter((p): p is FieldError => p !== null);
  if (errors.length > 0) throw new ValidationFailedError(errors);
}
