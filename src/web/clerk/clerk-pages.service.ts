// The clerk's steps from the case page: verify a defendant's service address, issue the notice, record a
// party's answer, transfer to filing. Each form is checked with the API's DTO and handed to the API's own
// service (same rules, same history); a refused form comes back on the case page with its errors in place.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { ValidationFailedError } from '../../common/errors.js';
import { AddressVerificationDto } from '../../intake/address-verification.dto.js';
import { CasePartyService } from '../../intake/case-party.service.js';
import { FileSuitDto, TransferToFilingDto } from '../../referral/filing-transfer.dto.js';
import { FilingTransferService } from '../../referral/filing-transfer.service.js';
import { RecordAnswerDto } from '../../referral/party-answers.dto.js';
import { PartyAnswersService } from '../../referral/party-answers.service.js';
import { IssueNoticeDto } from '../../referral/referral-notice.dto.js';
import { ReferralNoticeService } from '../../referral/referral-notice.service.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import { caseStepUrl, filledFields, runCaseStep, versionOf } from '../cases/case-step.js';
import { checkedDto } from '../kit/dto-check.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { textField, type FormFields } from '../kit/form-body.js';

@Injectable()
export class ClerkPagesService {
  constructor(
    private readonly casePages: CasePagesService,
    private readonly notices: ReferralNoticeService,
    private readonly answers: PartyAnswersService,
    private readonly parties: CasePartyService,
    private readonly transfers: FilingTransferService,
  ) {}

  /** 发出告知书 (or a new version of it); an unsuitable case type needs the clerk's reason. */
  issueNotice(actor: Actor, caseId: string, fields: FormFields) {
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: 'notice',
      fields,
      run: async () => {
        const dto = await checkedDto(IssueNoticeDto, {
          ...filledFields(fields, 'overrideReason'),
          ...versionOf(fields),
        });
        await this.notices.issue(actor, caseId, dto);
        return caseStepUrl(caseId, 'notice', 'notice');
      },
      explain: explainNoticeRefusal,
    });
  }

  /** 登记当事人意见: the last consent refers the case, a refusal refuses it (the service decides). */
  recordAnswer(actor: Actor, caseId: string, fields: FormFields) {
    const partyId = textField(fields, 'partyId');
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: `answer:${partyId}`,
      fields,
      run: async () => {
        const dto = await checkedDto(RecordAnswerDto, {
          partyId,
          decision: textField(fields, 'decision'),
          channel: textField(fields, 'channel'),
          ...filledFields(fields, 'answeredOn', 'note'),
          ...versionOf(fields),
        });
        await this.answers.record(actor, caseId, dto);
        return caseStepUrl(caseId, 'answer', 'notice');
      },
      explain: explainPartyRefusal,
    });
  }

  /** 送达地址核实 of one defendant. */
  verifyAddress(actor: Actor, caseId: string, fields: FormFields) {
    const partyId = textField(fields, 'partyId');
    const result = textField(fields, 'result');
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: `address:${partyId}`,
      fields,
      run: async () => {
        const dto = await checkedDto(AddressVerificationDto, {
          partyId,
          method: textField(fields, 'method'),
          result,
          // The corrected address goes only with a correction (the field may still hold text otherwise).
          ...filledFields(fields, 'note', ...(result === 'CORRECTED' ? ['correctedAddress'] : [])),
          ...versionOf(fields),
        });
        await this.parties.verifyAddress(actor, caseId, dto);
        return caseStepUrl(caseId, 'address', 'address');
      },
      explain: explainPartyRefusal,
    });
  }

  /** 转立案 of a refused, failed or expired case: it gets its 民初 number. */
  transfer(actor: Actor, caseId: string, fields: FormFields) {
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: 'transfer',
      fields,
      run: async () => {
        const dto = await checkedDto(TransferToFilingDto, { ...filledFields(fields, 'note'), ...versionOf(fields) });
        await this.transfers.transfer(actor, caseId, dto);
        return caseStepUrl(caseId, 'transfer', 'transfer');
      },
    });
  }

  /** 起诉立案 of a voluntary case that did not settle: the 民初 number and the trial procedure. */
  file(actor: Actor, caseId: string, fields: FormFields) {
    return runCaseStep(this.casePages, actor, {
      caseId,
      form: 'filing',
      fields,
      run: async () => {
        const dto = await checkedDto(FileSuitDto, {
          trialProcedure: textField(fields, 'trialProcedure'),
          ...filledFields(fields, 'filingNumber', 'note'),
          ...versionOf(fields),
        });
        await this.transfers.file(actor, caseId, dto);
        return caseStepUrl(caseId, 'filing', 'transfer');
      },
      explain: explainFilingRefusal,
    });
  }
}

/** A choice left empty: the API's message lists codes people do not know. */
function explainFilingRefusal(_error: unknown, errors: FieldMessages): FieldMessages {
  return errors.trialProcedure ? { ...errors, trialProcedure: '请选择审理程序' } : errors;
}

/** The API's refusal names its own field; next to the form, say what to do. */
function explainNoticeRefusal(error: unknown, errors: FieldMessages): FieldMessages {
  if ((error as { code?: string }).code !== 'MEDIATION_NOT_SUITABLE') return errors;
  // A defendant to be served by public announcement: no reason makes the case suitable; the message says why.
  if ((error as { details?: { reason?: string } }).details?.reason === 'SERVICE_BY_PUBLIC_ANNOUNCEMENT') return errors;
  return { overrideReason: '本案由不适宜诉前调解。如确需发送告知书，请填写理由（将记录在案）' };
}

/** The party comes from a hidden field: when it is wrong, the page was not this case's. */
function explainPartyRefusal(error: unknown, errors: FieldMessages): FieldMessages {
  if (!(error instanceof ValidationFailedError) || !errors.partyId) return errors;
  return { ...errors, partyId: '当事人不属于本案，请刷新页面后重试' };
}
