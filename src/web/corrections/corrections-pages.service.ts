// The corrections' forms for a page session, through the API's own service and DTOs: a refused form shows the case
// page again with every problem at its field (and the summary above the form), the typed values kept.
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import type { FieldMessages } from '../kit/field-errors.js';
import { CorrectionsService } from '../../corrections/corrections.service.js';
import {
  AddAgentDto,
  AddPartyDto,
  CancelCaseDto,
  CorrectAnswerDto,
  CorrectCaseDto,
  CorrectPartyDto,
  CorrectSessionDto,
} from '../../corrections/corrections.dto.js';
import { StepCorrectionsService } from '../../corrections/step-corrections.service.js';
import { CorrectOutcomeDto } from '../../corrections/outcome-correction.dto.js';
import { OutcomeCorrectionsService } from '../../corrections/outcome-corrections.service.js';
import { CasePagesService } from '../cases/case-pages.service.js';
import { checkedDto } from '../kit/dto-check.js';
import { readSessionForm, sessionBody, settleFieldOf } from '../mediation/mediation-forms.js';
import { listField, textField, type FormFields } from '../kit/form-body.js';
import { FORM_ERROR, formErrorStatus, refusalOf } from '../kit/form-refusal.js';
import { Redirect, View } from '../kit/page-result.js';
import type { CorrectionForm } from './corrections-section.service.js';

/** The party fields of the forms, as the API names them. */
const PARTY_TEXT = ['name', 'idNumber', 'creditCode', 'legalRepresentative', 'phone', 'address', 'serviceAddress'];
/** Shown masked, so never prefilled: left empty, they stay as they are. */
const MASKED = new Set(['idNumber', 'phone']);
/** The add-party form's fields carry this prefix (app.js finds the party's role by `name$=".role"`). */
const ADD = 'party.';

const version = (fields: FormFields) => {
  const text = textField(fields, 'version');
  return /^\d+$/.test(text) ? Number(text) : text;
};
const present = (fields: FormFields, name: string) => fields[name] !== undefined;

@Injectable()
export class CorrectionsPagesService {
  constructor(
    private readonly corrections: CorrectionsService,
    private readonly casePages: CasePagesService,
    private readonly outcomes: OutcomeCorrectionsService,
    private readonly steps: StepCorrectionsService,
  ) {}

  /** 更正当事人意见: the form shows the answer as recorded; what is left as recorded is not changed. */
  correctAnswer(actor: Actor, caseId: string, answerId: string, fields: FormFields) {
    return this.attempt(actor, caseId, { form: 'answer', partyId: answerId }, fields, 'answer-correction', async () => {
      const body: Record<string, unknown> = { version: version(fields), reason: textField(fields, 'reason') };
      for (const name of ['channel', 'answeredOn']) if (present(fields, name)) body[name] = textField(fields, name);
      if (present(fields, 'note')) body.note = textField(fields, 'note').trim() || null;
      await this.steps.correctAnswer(actor, caseId, answerId, await checkedDto(CorrectAnswerDto, body));
    });
  }

  /** 更正调解记录: the date, the mode, the participants (one a line, as the session form) and the notes. */
  correctSession(actor: Actor, caseId: string, sessionId: string, fields: FormFields) {
    return this.attempt(
      actor,
      caseId,
      { form: 'session', partyId: sessionId },
      fields,
      'session-correction',
      async () => {
        const body: Record<string, unknown> = { version: version(fields), reason: textField(fields, 'reason') };
        for (const name of ['heldOn', 'mode']) if (present(fields, name)) body[name] = textField(fields, name);
        if (present(fields, 'participants'))
          body.participants = sessionBody(readSessionForm(fields), undefined).participants;
        if (present(fields, 'notes')) body.notes = textField(fields, 'notes').replace(/\r\n/g, '\n');
        await this.steps.correctSession(actor, caseId, sessionId, await checkedDto(CorrectSessionDto, body));
      },
    );
  }

  /** 更正调解结果: the form shows the recorded values; unchanged ones are left as they are by the service. */
  correctOutcome(actor: Actor, caseId: string, fields: FormFields) {
    return this.attempt(actor, caseId, { form: 'outcome' }, fields, 'outcome', async () => {
      const body: Record<string, unknown> = { version: version(fields), reason: textField(fields, 'reason') };
      const lines = (name: string) => textField(fields, name).replace(/\r\n/g, '\n');
      if (present(fields, 'concludedOn')) body.concludedOn = textField(fields, 'concludedOn');
      if (present(fields, 'amount')) {
        body.settlement = {
          method: textField(fields, 'settlementMethod'),
          amount: textField(fields, 'amount'),
          agreement: lines('agreement'),
          performanceDueOn: textField(fields, 'performanceDueOn') || null,
        };
      }
      if (present(fields, 'failureReason')) {
        body.undisputedFacts = lines('undisputedFacts');
        body.failureReason = textField(fields, 'failureReason');
        body.failureReasonText = textField(fields, 'failureReasonText') || null;
      }
      await this.outcomes.correctOutcome(actor, caseId, await checkedDto(CorrectOutcomeDto, body));
    });
  }

  correctCase(actor: Actor, caseId: string, fields: FormFields) {
    return this.attempt(actor, caseId, { form: 'case' }, fields, 'correction', async () => {
      const body: Record<string, unknown> = { version: version(fields) };
      for (const name of ['caseType', 'claimAmount', 'claims'])
        if (present(fields, name)) body[name] = textField(fields, name);
      if (textField(fields, 'reason')) body.reason = textField(fields, 'reason');
      await this.corrections.correctCase(actor, caseId, await checkedDto(CorrectCaseDto, body));
    });
  }

  correctParty(actor: Actor, caseId: string, partyId: string, fields: FormFields) {
    return this.attempt(actor, caseId, { form: 'party', partyId }, fields, 'correction', async () => {
      const body: Record<string, unknown> = { version: version(fields) };
      if (present(fields, 'role')) body.role = textField(fields, 'role');
      for (const name of PARTY_TEXT) {
        if (!present(fields, name)) continue;
        const value = textField(fields, name);
        if (MASKED.has(name) && value === '') continue;
        body[name] = value === '' && name !== 'name' ? null : value;
      }
      if (textField(fields, 'reason')) body.reason = textField(fields, 'reason');
      await this.corrections.correctParty(actor, caseId, partyId, await checkedDto(CorrectPartyDto, body));
    });
  }

  addParty(actor: Actor, caseId: string, fields: FormFields) {
    return this.attempt(actor, caseId, { form: 'addParty', prefix: ADD }, fields, 'party', async () => {
      const body: Record<string, unknown> = {
        version: version(fields),
        role: textField(fields, `${ADD}role`),
        kind: textField(fields, `${ADD}kind`),
        name: textField(fields, `${ADD}name`),
      };
      for (const name of PARTY_TEXT.filter((n) => n !== 'name')) {
        const value = textField(fields, `${ADD}${name}`);
        if (value !== '') body[name] = name === 'idNumber' || name === 'creditCode' ? value.toUpperCase() : value;
      }
      await this.corrections.addParty(actor, caseId, await checkedDto(AddPartyDto, body));
    });
  }

  addAgent(actor: Actor, caseId: string, fields: FormFields) {
    return this.attempt(actor, caseId, { form: 'agent' }, fields, 'agent', async () => {
      const partyId = textField(fields, 'partyId');
      const body: Record<string, unknown> = {
        version: version(fields),
        kind: textField(fields, 'kind'),
        name: textField(fields, 'name'),
        scope: textField(fields, 'scope'),
        powers: listField(fields, 'powers'),
      };
      for (const name of ['licenceNumber', 'firm', 'phone']) {
        const value = textField(fields, name);
        if (value !== '') body[name] = value;
      }
      await this.corrections.addAgent(actor, caseId, partyId, await checkedDto(AddAgentDto, body));
    });
  }

  cancel(actor: Actor, caseId: string, fields: FormFields) {
    return this.attempt(actor, caseId, { form: 'cancel' }, fields, 'cancellation', async () => {
      const body = { version: version(fields), reason: textField(fields, 'reason') };
      await this.corrections.cancel(actor, caseId, await checkedDto(CancelCaseDto, body));
    });
  }

  /** The write; on success back to the case page, refused: the page again with the form's problems. */
  private async attempt(
    actor: Actor,
    caseId: string,
    at: { form: CorrectionForm; partyId?: string; prefix?: string },
    fields: FormFields,
    saved: string,
    write: () => Promise<void>,
  ): Promise<Redirect | View> {
    try {
      await write();
      return new Redirect(`/cases/${caseId}?saved=${saved}#corrections`);
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      const errors: FieldMessages = {};
      for (const [apiField, message] of Object.entries(refusal.errors)) {
        // The outcome form's settlement fields are those of the settle form (`settlement.amount` is `amount`).
        // A participant's problem (`participants.2`) is the participants field's.
        const field =
          at.form === 'outcome'
            ? settleFieldOf(apiField)
            : apiField.startsWith('participants.')
              ? 'participants'
              : apiField;
        errors[at.prefix && field !== 'version' && field !== 'body' ? `${at.prefix}${field}` : field] = message;
      }
      if (errors.body) {
        errors[FORM_ERROR] = errors.body;
        delete errors.body;
      }
      if (refusal.problem) errors[FORM_ERROR] = refusal.problem;
      const data = await this.casePages.casePage(actor, caseId, false, {
        corrections: { form: at.form, partyId: at.partyId, values: fields, errors },
      });
      return new View('cases/show', data, refusal.status ?? formErrorStatus(error));
    }
  }
}
