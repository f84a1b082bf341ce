// The corrections on the case page (更正 / 添加当事人 / 添加代理人 / 撤销登记): each form for the roles and statuses
// the transition table allows (allowedSteps), the agents under each party for everyone who reads the case, and a
// refused form shown again with every problem at its field.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { allowedSteps } from '../../cases/case-state-machine.js';
import { caseTypeNames } from '../../cases/case-types.js';
import { PARTY_KINDS, PARTY_ROLES } from '../../cases/party.entity.js';
import { CorrectionsService } from '../../corrections/corrections.service.js';
import { OutcomeCorrectionsService } from '../../corrections/outcome-corrections.service.js';
import { formatYuan } from '../../common/money.js';
import { FAILURE_REASONS } from '../../mediation/mediation-outcome.entity.js';
import { SESSION_MODES } from '../../mediation/mediation-session.entity.js';
import { SessionsService } from '../../mediation/sessions.service.js';
import { ANSWER_CHANNELS, CHANNEL_LABELS, DECISION_LABELS } from '../../referral/party-answer.entity.js';
import { PartyAnswersService } from '../../referral/party-answers.service.js';
import { FAILURE_REASON_LABELS, SESSION_MODE_LABELS, settlementMethodOptions } from '../mediation/mediation-labels.js';
import {
  AGENT_KINDS,
  AGENT_KIND_LABELS,
  AGENT_POWERS,
  AGENT_POWER_LABELS,
  AGENT_SCOPES,
  AGENT_SCOPE_LABELS,
  type AgentView,
} from '../../cases/party-agent.entity.js';
import { CASE_FIELDS_CORRECTABLE } from '../../corrections/registration-corrections.js';
import type { FieldMessages } from '../kit/field-errors.js';
import type { FormFields } from '../kit/form-body.js';
import type { LoadedCase } from '../cases/loaded-case.js';

export const CORRECTION_FORMS = [
  'case',
  'party',
  'addParty',
  'agent',
  'cancel',
  'outcome',
  'answer',
  'session',
] as const;
export type CorrectionForm = (typeof CORRECTION_FORMS)[number];

/** A refused correction form: which one (and for which party), what was typed, every problem. */
export interface CorrectionRefusal {
  form: CorrectionForm;
  /** The party, answer or session the form is for (one form each on the page). */
  partyId?: string;
  values: FormFields;
  errors: FieldMessages;
  problem?: string;
}

const SAVED: Record<string, string> = {
  correction: '登记信息已更正，更正前后的内容已记入流程记录。',
  party: '已添加当事人。',
  agent: '已添加委托代理人。',
  cancellation: '已撤销登记。案号保留，不再使用。',
  outcome: '调解结果已更正，更正前后的内容已记入流程记录。',
  'answer-correction': '当事人意见已更正，更正前后的内容已记入流程记录。',
  'session-correction': '调解记录已更正，更正前后的内容已记入流程记录。',
};

@Injectable()
export class CorrectionsSectionService {
  constructor(
    private readonly corrections: CorrectionsService,
    private readonly outcomes: OutcomeCorrectionsService,
    private readonly answers: PartyAnswersService,
    private readonly sessions: SessionsService,
  ) {}

  async forCase(
    actor: Actor,
    { c, view, parties }: Pick<LoadedCase, 'c' | 'view' | 'parties'>,
    saved?: string,
    refusal?: CorrectionRefusal,
  ) {
    const agents = await this.corrections.agentsOfCase(c);
    const agentsByParty: Record<string, AgentView[]> = {};
    for (const a of agents) (agentsByParty[a.partyId] ??= []).push(a);
    const steps = new Set(allowedSteps(actor, c));
    const outcome = steps.has('correctOutcome') ? await this.outcomes.correctable(c) : null;
    // A recorded answer until the answers decide the referral; a session's record until mediation ends.
    const answers = steps.has('correctAnswer') ? await this.answers.listForCase(c, parties) : [];
    const sessions = steps.has('correctSession') ? await this.sessions.listForCase(c) : [];
    const mine = (form: CorrectionForm, partyId?: string) =>
      refusal && refusal.form === form && (partyId === undefined || refusal.partyId === partyId) ? refusal : null;
    return {
      saved: saved ? SAVED[saved] : undefined,
      agentsByParty,
      version: c.version,
      cancelled: c.status === 'CANCELLED' ? { at: c.cancelledAt, reason: c.cancellationReason } : null,
      canCorrect: steps.has('correctRegistration'),
      canCorrectDecisive: steps.has('correctRegistration') && CASE_FIELDS_CORRECTABLE.includes(c.status),
      canAddParty: steps.has('addParty'),
      canAddAgent: steps.has('addAgent'),
      canCancel: steps.has('cancelRegistration'),
      outcome: outcome && {
        result: outcome.result,
        concludedOn: outcome.concludedOn,
        settlementMethod: outcome.settlementMethod ?? '',
        amount: outcome.amountFen === null ? '' : formatYuan(outcome.amountFen),
        agreement: outcome.agreement ?? '',
        performanceDueOn: outcome.performanceDueOn ?? '',
        undisputedFacts: outcome.undisputedFacts ?? '',
        failureReason: outcome.failureReason ?? '',
        failureReasonText: outcome.failureReasonText ?? '',
      },
      answers: answers.map((a) => ({
        id: a.id,
        partyName: a.partyName ?? '',
        decisionLabel: DECISION_LABELS[a.decision],
        channel: a.channel,
        answeredOn: a.answeredOn,
        note: a.note ?? '',
      })),
      sessions: sessions.map((s) => ({
        id: s.id,
        heldOn: s.heldOn,
        mode: s.mode,
        modeLabel: SESSION_MODE_LABELS[s.mode],
        participants: s.participants.join('\n'),
        notes: s.notes,
      })),
      refused: {
        answer: Object.fromEntries(answers.map((a) => [a.id, mine('answer', a.id)])),
        session: Object.fromEntries(sessions.map((s) => [s.id, mine('session', s.id)])),
        case: mine('case'),
        party: Object.fromEntries((view.parties ?? []).map((p) => [p.id, mine('party', p.id)])),
        addParty: mine('addParty'),
        agent: mine('agent'),
        cancel: mine('cancel'),
        outcome: mine('outcome'),
      },
      options: {
        caseTypes: caseTypeNames().map((name) => ({ value: name, label: name })),
        roles: PARTY_ROLES,
        kinds: PARTY_KINDS,
        agentKinds: AGENT_KINDS.map((value) => ({ value, label: AGENT_KIND_LABELS[value] })),
        scopes: AGENT_SCOPES.map((value) => ({ value, label: AGENT_SCOPE_LABELS[value] })),
        powers: AGENT_POWERS.map((value) => ({ value, label: AGENT_POWER_LABELS[value] })),
        parties: (view.parties ?? []).map((p) => ({ value: p.id, label: p.name })),
        failureReasons: FAILURE_REASONS.map((value) => ({ value, label: FAILURE_REASON_LABELS[value] })),
        settlementMethods: settlementMethodOptions(c.procedure),
        channels: ANSWER_CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] })),
        modes: SESSION_MODES.map((value) => ({ value, label: SESSION_MODE_LABELS[value] })),
      },
    };
  }
}
