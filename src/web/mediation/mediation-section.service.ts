// The mediation part of the case page: sessions, extensions, the outcome and what follows a settlement, with
// the forms the actor may use on this case in its current status. The services decide; the forms offered here
// only spare people a refusal (a form the rules would refuse is not shown).
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { chinaDate } from '../../common/china-time.js';
import { Clock } from '../../common/clock.js';
import { CaseOps } from '../../cases/case-ops.js';
import { allowedSteps } from '../../cases/case-state-machine.js';
import { OPEN_MEDIATION_STATUSES } from '../../cases/case-status.js';
import type { Case } from '../../cases/case.entity.js';
import { PARTY_ROLE_LABELS, type Party } from '../../cases/party.entity.js';
import { CASE_DIFFICULTY_LABELS, defaultDifficulty, type CaseDifficulty } from '../../mediation/case-difficulty.js';
import { ExtensionsService } from '../../mediation/extensions.service.js';
import { MediationConfig } from '../../mediation/mediation-config.js';
import {
  judicialConfirmationApplies,
  OUTCOME_RESULT_LABELS,
  performanceFollowed,
} from '../../mediation/outcome-rules.js';
import { OutcomesService } from '../../mediation/outcomes.service.js';
import { JudicialConfirmationService } from '../../mediation/judicial-confirmation.service.js';
import { SessionsService } from '../../mediation/sessions.service.js';
import type { LoadedCase } from '../cases/loaded-case.js';
import { deadlineView, type DeadlineView } from './deadline-view.js';
import { blankForm, type FormState } from '../kit/form-refusal.js';
import {
  CONFIRMATION_DECISION_LABELS,
  FAILURE_REASON_LABELS,
  optionsOf,
  PERFORMANCE_STATUS_LABELS,
  SESSION_MODE_LABELS,
  SETTLEMENT_METHOD_LABELS,
  settlementMethodOptions,
} from './mediation-labels.js';
import type {
  ApplicationFormValues,
  ConfirmationFormValues,
  ExtensionFormValues,
  FailFormValues,
  PerformanceFormValues,
  ReceiptFormValues,
  SessionFormValues,
  SettleFormValues,
  WithdrawFormValues,
} from './mediation-forms.js';
import {
  basePeriodDays,
  extensionDaysLeft as daysLeftToExtend,
  periodStartBound,
  POST_FILING_EXTENSION_MAX_DAYS,
} from '../../cases/procedure.js';

/**
 * What the page says after a form of this section went through (`?saved=` of the redirect), in the part of
 * the page the redirect scrolls to.
 */
const SAVED_MESSAGES: Record<string, { section: 'receipt' | 'sessions' | 'extensions' | 'outcome'; message: string }> =
  {
    receipt: { section: 'receipt', message: '已登记签收材料，调解期限自签收次日起算，届满日见上方。' },
    session: { section: 'sessions', message: '已记录本次调解。' },
    extension: { section: 'extensions', message: '已延长调解期限，新的届满日见上方和下方的延期记录。' },
    outcome: { section: 'outcome', message: '已登记调解结果。' },
    performance: { section: 'outcome', message: '已登记履行情况。' },
    confirmation: { section: 'outcome', message: '已登记司法确认结果。' },
    application: { section: 'outcome', message: '已登记司法确认申请，民特案号见下方。' },
  };

export interface MediationForms {
  receipt: FormState<ReceiptFormValues>;
  session: FormState<SessionFormValues>;
  extension: FormState<ExtensionFormValues>;
  settle: FormState<SettleFormValues>;
  fail: FormState<FailFormValues>;
  withdraw: FormState<WithdrawFormValues>;
  performance: FormState<PerformanceFormValues>;
  confirmation: FormState<ConfirmationFormValues>;
  application: FormState<ApplicationFormValues>;
}

type Outcome = Awaited<ReturnType<OutcomesService['get']>>;
type AgreementTemplate = Awaited<ReturnType<OutcomesService['agreementTemplate']>>;

@Injectable()
export class MediationSectionService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly extensions: ExtensionsService,
    private readonly outcomes: OutcomesService,
    private readonly confirmations: JudicialConfirmationService,
    private readonly config: MediationConfig,
    private readonly clock: Clock,
    private readonly caseOps: CaseOps,
  ) {}

  async forCase(actor: Actor, { c, parties }: LoadedCase, saved?: string) {
    const today = chinaDate(this.clock.now());
    const [sessions, extensions, outcome] = await Promise.all([
      this.sessions.listForCase(c),
      this.extensions.listForCase(c),
      c.outcome ? this.outcomes.getForCase(c) : null,
    ]);
    const can = this.permissions(actor, c, outcome);
    // 代为录入: the forms of the mediator's own work (签收, sessions, outcomes) say for whom, and ask why if needed.
    const behalf = await this.caseOps.recordingFor(actor, c, 'recordSession');
    // The agreement to start from, and any doubtful enforcement opinion to heed before settling (执行建议).
    const template = can.conclude ? await this.outcomes.agreementTemplateForCase(c) : null;
    const extensionDaysLeft = daysLeftToExtend(c, this.config.extensionCapDays);
    // Where the court's case system gives the 民特 number, the application form asks for it.
    const typesApplicationNumber = can.applyConfirmation && (await this.confirmations.numbersTyped(c));
    return {
      caseId: c.id,
      version: c.version,
      today,
      saved: saved ? SAVED_MESSAGES[saved] : undefined,
      /** A refusal about a form no longer offered (the case moved on meanwhile), said above the section. */
      problem: undefined as string | undefined,
      deadline: this.deadlineOf(c, today),
      /** 代为录入: the mediator the forms record for, when it is not the actor. */
      behalf,
      /** How this case's period may be extended, in words (先行调解 once, at most 30 days). */
      extensionRule: extensionRuleOf(c, this.config.extensionCapDays, extensionDaysLeft),
      /** What the sign-for starts, in words (先行调解 15 / 7 days, 非诉调解 30 days). */
      receiptRule: `调解期限为 ${basePeriodDays(c)} 天，自签收次日起算；最后一日遇法定节假日顺延。`,
      extensionCapDays: this.config.extensionCapDays,
      extensionDaysLeft,
      sessions: sessions.map((s) => ({ ...s, modeLabel: SESSION_MODE_LABELS[s.mode] })),
      extensions,
      outcome: outcome && outcomeDisplay(outcome),
      opinions: template?.enforcementOpinions ?? [],
      can: { ...can, extend: can.extend && extensionDaysLeft > 0 },
      typesApplicationNumber,
      forms: blankForms(today, parties, template, defaultDifficulty(c.caseType)),
      options: {
        modes: optionsOf(SESSION_MODE_LABELS),
        methods: settlementMethodOptions(c.procedure),
        failureReasons: optionsOf(FAILURE_REASON_LABELS),
        difficulties: optionsOf(CASE_DIFFICULTY_LABELS),
        performanceStatuses: optionsOf(PERFORMANCE_STATUS_LABELS),
        decisions: optionsOf(CONFIRMATION_DECISION_LABELS),
      },
    };
  }

  /** The deadline of a case whose mediation clock runs. */
  deadlineOf(c: Pick<Case, 'status' | 'mediationDeadline'>, today: string): DeadlineView | null {
    if (!c.mediationDeadline || !OPEN_MEDIATION_STATUSES.includes(c.status)) return null;
    return deadlineView(c.mediationDeadline, today, this.config.warningDaysBefore);
  }

  /** Which forms to offer: the steps the transition table allows this actor now, and what the outcome still needs. */
  private permissions(actor: Actor, c: Case, outcome: Outcome | null) {
    const steps = new Set(allowedSteps(actor, c));
    const settled = settlementOf(outcome);
    const confirmable = settled !== null && judicialConfirmationApplies(settled.settlement.method);
    const confirmation = settled?.judicialConfirmation ?? null;
    return {
      receive: steps.has('receiveMaterials'),
      recordSession: steps.has('recordSession'),
      extend: steps.has('extendPeriod') && c.mediationDeadline !== null,
      conclude: steps.has('settle'),
      withdraw: steps.has('withdraw'),
      recordPerformance: steps.has('recordPerformance') && settled !== null && performanceFollowed(settled.settlement),
      // 司法确认: the application, then the ruling on it (or, for the old procedure, the ruling in one go).
      applyConfirmation: steps.has('applyJudicialConfirmation') && confirmable && confirmation === null,
      confirm:
        steps.has('recordJudicialConfirmation') &&
        confirmable &&
        (confirmation === null ? c.procedure === 'LEGACY_PRE_FILING' : confirmation.decision === null),
    };
  }
}

export type MediationSection = Awaited<ReturnType<MediationSectionService['forCase']>>;

/** The forms as first shown: dates default to today, participants to the parties, the agreement to the template. */
function blankForms(
  today: string,
  parties: Party[],
  template: AgreementTemplate | null,
  difficulty: CaseDifficulty,
): MediationForms {
  return {
    receipt: blankForm({ receivedOn: today }),
    session: blankForm({
      heldOn: today,
      mode: '',
      participants: parties.map((p) => `${PARTY_ROLE_LABELS[p.role]}${p.name}`).join('\n'),
      notes: '',
    }),
    extension: blankForm({
      days: '',
      reason: '',
      plaintiffConsent: false,
      defendantConsent: false,
      consentedOn: today,
    }),
    settle: blankForm({
      settlementMethod: '',
      agreement: template?.text ?? '',
      amount: '',
      performanceDueOn: '',
      concludedOn: today,
      difficulty,
    }),
    fail: blankForm({ undisputedFacts: '', failureReason: '', failureReasonText: '', concludedOn: today, difficulty }),
    withdraw: blankForm({ withdrawalReason: '', concludedOn: today, difficulty }),
    performance: blankForm({ status: '', recordedOn: today, note: '' }),
    confirmation: blankForm({ appliedOn: today, decision: '', decidedOn: today, rulingNumber: '', note: '' }),
    application: blankForm({ appliedOn: today, applicationNumber: '' }),
  };
}

/** The settlement of a settled case's outcome (the outcome view carries only its own result's fields). */
function settlementOf(outcome: Outcome | null) {
  return outcome && 'settlement' in outcome ? outcome : null;
}

/** The recorded outcome with the labels people read. */
function outcomeDisplay(outcome: Outcome) {
  const resultLabel = OUTCOME_RESULT_LABELS[outcome.result];
  const settled = settlementOf(outcome);
  if (settled) {
    const { settlement, performance, judicialConfirmation } = settled;
    return {
      ...settled,
      resultLabel,
      methodLabel: settlement.method ? SETTLEMENT_METHOD_LABELS[settlement.method] : '',
      performanceLabel: performance ? PERFORMANCE_STATUS_LABELS[performance.status] : null,
      decisionLabel: judicialConfirmation?.decision
        ? CONFIRMATION_DECISION_LABELS[judicialConfirmation.decision]
        : null,
    };
  }
  if ('failureReason' in outcome) {
    const reason = outcome.failureReason;
    return { ...outcome, resultLabel, failureReasonLabel: reason ? FAILURE_REASON_LABELS[reason] : '' };
  }
  return { ...outcome, resultLabel };
}

/** The extension rule of the case's procedure, for the form's hint. */
function extensionRuleOf(c: Case, capDays: number, daysLeft: number): string {
  const start = periodStartBound(c);
  const period = `延长后的期限为自${start.label}（${start.date ?? '—'}）起 ${basePeriodDays(c)} 日加延长天数，最后一日遇法定休假日顺延。`;
  if (c.procedure === 'POST_FILING') {
    return `先行调解期限经双方当事人同意可以延长一次，最多 ${POST_FILING_EXTENSION_MAX_DAYS} 天，延长期间不计入审理期限；本案还可延长 ${daysLeft} 天。${period}`;
  }
  return `本案已延长 ${c.extensionDaysTotal} 天，累计最多 ${capDays} 天，还可延长 ${daysLeft} 天。${period}`;
}
