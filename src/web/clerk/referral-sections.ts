// The case page's referral sections (告知与转立案): the trial procedure of a 先行调解 case (审理程序, correctable
// until the sign-for), defendants' service addresses (送达地址核实), the notice (先行调解, 诉前引导 or 诉前调解
// 告知书) and each party's answer (当事人意见), and the transfer to filing (转立案). Every reader of the
// case sees where things stand; a clerk also gets the form for the step the case's status allows.
import { hasPermission } from '../../auth/permissions.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { NotFoundError } from '../../common/errors.js';
import { allowedSteps, filingTransferOperation } from '../../cases/case-state-machine.js';
import { TRIAL_PROCEDURE_LABELS, TRIAL_PROCEDURES } from '../../cases/procedure.js';
import { unreachableDefendants } from '../../intake/service-address.js';
import {
  ADDRESS_VERIFICATION_METHODS,
  ADDRESS_VERIFICATION_RESULTS,
  type AddressVerificationMethod,
  type AddressVerificationResult,
} from '../../cases/party.entity.js';
import { FilingTransferService } from '../../referral/filing-transfer.service.js';
import { NoticeRulesService } from '../../referral/notice-rules.service.js';
import {
  ANSWER_CHANNELS,
  ANSWER_DECISIONS,
  CHANNEL_LABELS,
  DECISION_LABELS,
} from '../../referral/party-answer.entity.js';
import { decidesReferral } from '../../referral/answer-rules.js';
import { PartyAnswersService } from '../../referral/party-answers.service.js';
import { ReferralNoticeService } from '../../referral/referral-notice.service.js';
import { attemptFor, type FormAttempt } from '../kit/form-refusal.js';
import type { LoadedCase } from '../cases/loaded-case.js';

const ADDRESS_METHOD_LABELS: Record<AddressVerificationMethod, string> = {
  PHONE: '电话核实',
  IN_PERSON: '当面核实',
  HOUSEHOLD_REGISTRATION: '户籍信息查询',
  POSTAL: '邮寄核实',
  OTHER: '其他方式',
};

const ADDRESS_RESULT_LABELS: Record<AddressVerificationResult, string> = {
  CONFIRMED: '地址属实',
  CORRECTED: '已更正地址',
  UNREACHABLE: '无法联系',
};

/** Field names as the case page's forms call them, for their error summaries. */
const REFERRAL_FIELD_LABELS: Record<string, string> = {
  overrideReason: '仍发送告知书的理由',
  partyId: '当事人',
  decision: '当事人意见',
  channel: '答复方式',
  answeredOn: '答复日期',
  note: '备注',
  method: '核实方式',
  result: '核实结果',
  correctedAddress: '更正后的送达地址',
  filingNumber: '民初案号',
  trialProcedure: '审理程序',
  reason: '更正理由',
};

/** A transferred case without its transfer record still shows its page (the number is in the key dates). */
function noTransferRecord(error: unknown): null {
  if (error instanceof NotFoundError) return null;
  throw error;
}

@Injectable()
export class ReferralSectionsService {
  constructor(
    private readonly notices: ReferralNoticeService,
    private readonly rules: NoticeRulesService,
    private readonly answers: PartyAnswersService,
    private readonly transfers: FilingTransferService,
  ) {}

  async forCase(actor: Actor, { c: row, view: c, parties: known }: LoadedCase, attempt?: FormAttempt) {
    const steps = new Set(allowedSteps(actor, row));
    const canIssue = steps.has('issueNotice');
    const [notices, answers, rule, transfer] = await Promise.all([
      hasPermission(actor, 'notices.read') ? this.notices.listForCase(row) : Promise.resolve(null),
      this.answers.listForCase(row, known),
      canIssue ? this.rules.ruleForCase(row) : Promise.resolve(null),
      c.status === 'TRANSFERRED' ? this.transfers.getForCase(row).catch(noTransferRecord) : Promise.resolve(null),
    ]);
    const parties = c.parties ?? [];
    const canFile = steps.has('fileSuit');
    return {
      canIssue,
      /** The service copies with the parties' rating codes: the window's, who serves the notice. */
      canServe: hasPermission(actor, 'notices.printServiceCopies'),
      canAnswer: steps.has('recordAnswer'),
      canVerify: steps.has('verifyAddress'),
      canTransfer: steps.has(filingTransferOperation(c, unreachableDefendants(parties).length > 0)),
      canFile,
      filingNumberTyped: canFile && (await this.transfers.numbersTyped(row)),
      canCorrectTrialProcedure: steps.has('correctTrialProcedure'),
      rule,
      notices,
      partyAnswers: parties.map((party) => ({
        party,
        gating: decidesReferral(party),
        answer: answers.find((a) => a.partyId === party.id) ?? null,
      })),
      defendants: parties.filter((p) => p.role === 'DEFENDANT'),
      transfer,
      forms: {
        notice: attemptFor(attempt, 'notice'),
        answer: attempt?.form.startsWith('answer:') ? attempt : undefined,
        address: attempt?.form.startsWith('address:') ? attempt : undefined,
        transfer: attemptFor(attempt, 'transfer'),
        filing: attemptFor(attempt, 'filing'),
        trialProcedure: attemptFor(attempt, 'trialProcedure'),
      },
      options: {
        decisions: ANSWER_DECISIONS.map((value) => ({ value, label: DECISION_LABELS[value] })),
        channels: ANSWER_CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] })),
        methods: ADDRESS_VERIFICATION_METHODS.map((value) => ({ value, label: ADDRESS_METHOD_LABELS[value] })),
        results: ADDRESS_VERIFICATION_RESULTS.map((value) => ({ value, label: ADDRESS_RESULT_LABELS[value] })),
        trialProcedures: TRIAL_PROCEDURES.map((value) => ({ value, label: TRIAL_PROCEDURE_LABELS[value] })),
      },
      labels: {
        decision: DECISION_LABELS,
        channel: CHANNEL_LABELS,
        method: ADDRESS_METHOD_LABELS,
        result: ADDRESS_RESULT_LABELS,
        trialProcedure: TRIAL_PROCEDURE_LABELS,
        fields: REFERRAL_FIELD_LABELS,
      },
    };
  }
}
