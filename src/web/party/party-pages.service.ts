// 当事人页面: the pages a party reaches from the link in the SMS, on a phone. The same services as the party API
// (PartySessionsService, PartyService); the party token lives in an HttpOnly, SameSite=Strict cookie instead of
// a header, and every form carries the CSRF token like the staff pages.
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors.js';
import {
  PartyAnswerDto,
  PartyFactsConfirmationDto,
  PartyMediatorChoiceDto,
  PartyMessageDto,
  PartyServiceAddressDto,
  StartPartySessionDto,
  VerifyPartyCodeDto,
} from '../../party/party.dto.js';
import {
  PARTY_SESSION_MINUTES,
  PartySessionsService,
  type PartyPrincipal,
  type RequestOrigin,
} from '../../party/party-sessions.service.js';
import { PartyService } from '../../party/party.service.js';
import { PartyCaseExtrasService } from '../../party/party-case-extras.service.js';
import { MediatorChoiceService } from '../../party/mediator-choice.service.js';
import { PartyMessagesService } from '../../party/party-messages.service.js';
import { PartyRefusalDto, PartySignatureDto } from '../../agreement-signing/agreement-signing.dto.js';
import { AgreementSigningService } from '../../agreement-signing/agreement-signing.service.js';
import { checkedDto } from '../kit/dto-check.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { FORM_ERROR, formErrorsOf } from '../kit/form-refusal.js';
import { Redirect, View } from '../kit/page-result.js';

export const PARTY_COOKIE = 'mp_party';

type Errors = Record<string, string | undefined>;

/** A refusal of the form as a whole (wrong code, used link), or the fields' own messages. */
function errorsOf(error: unknown): Errors {
  const fields = formErrorsOf(error);
  if (fields) return fields;
  if (error instanceof DomainError && error.status < 500) return { [FORM_ERROR]: error.message };
  throw error;
}

@Injectable()
export class PartyPagesService {
  constructor(
    private readonly sessions: PartySessionsService,
    private readonly party: PartyService,
    private readonly signing: AgreementSigningService,
    private readonly extras: PartyCaseExtrasService,
    private readonly messages: PartyMessagesService,
    private readonly choices: MediatorChoiceService,
  ) {}

  /** The link from the SMS: the identity form. */
  identityPage(token: string) {
    return { token, form: { name: '', idSuffix: '' }, errors: {} };
  }

  async identify(fields: FormFields, origin: RequestOrigin): Promise<Redirect | View> {
    const form = {
      token: textField(fields, 'token'),
      name: textField(fields, 'name'),
      idSuffix: textField(fields, 'idSuffix'),
    };
    try {
      const dto = await checkedDto(StartPartySessionDto, form);
      const challenge = await this.sessions.start(dto, origin);
      return new Redirect(
        `/party/code?c=${challenge.challengeId}&to=${encodeURIComponent(challenge.codeSentTo ?? '')}`,
      );
    } catch (error) {
      const errors = errorsOf(error);
      return new View('party/identity', { token: form.token, form, errors }, 422);
    }
  }

  codePage(challengeId: string, sentTo: string) {
    return { challengeId, sentTo, errors: {} };
  }

  async verify(fields: FormFields, origin: RequestOrigin): Promise<Redirect | View> {
    const challengeId = textField(fields, 'challengeId');
    const sentTo = textField(fields, 'sentTo');
    try {
      const dto = await checkedDto(VerifyPartyCodeDto, { code: textField(fields, 'code') });
      const session = await this.sessions.verify(challengeId, dto.code, origin);
      return new Redirect('/party/case', [
        { name: PARTY_COOKIE, value: session.partyToken, maxAgeSeconds: PARTY_SESSION_MINUTES * 60 },
      ]);
    } catch (error) {
      return new View('party/code', { challengeId, sentTo, errors: errorsOf(error) }, 422);
    }
  }

  /** The party's page: the case, the notice, the answer form and the address confirmation. */
  async casePage(principal: PartyPrincipal, done: string | undefined, errors: Errors = {}, form?: object) {
    const [view, documents, signing, messages, mediatorChoice] = await Promise.all([
      this.party.caseOf(principal),
      this.party.documents(principal),
      this.signing.forParty(principal),
      this.messages.forParty(principal),
      this.choices.forParty(principal),
    ]);
    const address = view.you.serviceAddress;
    return {
      ...view,
      documents: documents.items,
      agreement: signing.agreement,
      messages,
      mediatorChoice,
      done,
      errors,
      addressForm: form ?? {
        address: address?.address ?? '',
        email: address?.email ?? '',
        consent: address ? (address.consentToElectronicService ? 'yes' : 'no') : '',
      },
    };
  }

  async answer(principal: PartyPrincipal, fields: FormFields): Promise<Redirect | View> {
    try {
      const dto = await checkedDto(PartyAnswerDto, { decision: textField(fields, 'decision') });
      await this.party.answer(principal, dto.decision);
      return new Redirect('/party/case?done=answer');
    } catch (error) {
      const errors = errorsOf(error);
      return new View(
        'party/case',
        await this.casePage(principal, undefined, { answer: errors.decision ?? errors[FORM_ERROR] }),
        422,
      );
    }
  }

  async confirmAddress(principal: PartyPrincipal, fields: FormFields): Promise<Redirect | View> {
    const form = {
      address: textField(fields, 'address'),
      email: textField(fields, 'email'),
      consent: textField(fields, 'consent'),
    };
    try {
      const dto = await checkedDto(PartyServiceAddressDto, {
        address: form.address,
        email: form.email === '' ? undefined : form.email,
        consentToElectronicService: form.consent === 'yes' ? true : form.consent === 'no' ? false : undefined,
      });
      await this.party.confirmServiceAddress(principal, dto);
      return new Redirect('/party/case?done=address');
    } catch (error) {
      const errors = errorsOf(error);
      if (errors.consentToElectronicService) errors.consent = '请选择是否同意电子送达';
      return new View('party/case', await this.casePage(principal, undefined, errors, form), 422);
    }
  }

  /** 确认无争议事实: the hash of the text the page showed (a changed text is refused and shown again). */
  async confirmFacts(principal: PartyPrincipal, fields: FormFields): Promise<Redirect | View> {
    try {
      const dto = await checkedDto(PartyFactsConfirmationDto, { sha256: textField(fields, 'sha256') });
      await this.extras.confirmFacts(principal, dto.sha256);
      return new Redirect('/party/case?done=facts#facts');
    } catch (error) {
      const errors = errorsOf(error);
      return new View(
        'party/case',
        await this.casePage(principal, undefined, { facts: errors.sha256 ?? errors[FORM_ERROR] }),
        422,
      );
    }
  }

  /** 签署调解协议, step one: a fresh code to the phone on file. */
  async agreementCode(principal: PartyPrincipal, origin: RequestOrigin): Promise<Redirect | View> {
    try {
      await this.signing.sendSigningCode(principal, origin);
      return new Redirect('/party/case?done=code#agreement');
    } catch (error) {
      const errors = errorsOf(error);
      return new View('party/case', await this.casePage(principal, undefined, { sign: errors[FORM_ERROR] }), 422);
    }
  }

  /** Step two: the code and the hash of the text the page showed. */
  async signAgreement(principal: PartyPrincipal, fields: FormFields): Promise<Redirect | View> {
    try {
      const dto = await checkedDto(PartySignatureDto, {
        code: textField(fields, 'code'),
        sha256: textField(fields, 'sha256'),
      });
      await this.signing.partySign(principal, dto);
      return new Redirect('/party/case?done=signed#agreement');
    } catch (error) {
      const errors = errorsOf(error);
      return new View(
        'party/case',
        await this.casePage(principal, 'code', { sign: errors.code ?? errors.sha256 ?? errors[FORM_ERROR] }),
        422,
      );
    }
  }

  async refuseAgreement(principal: PartyPrincipal, fields: FormFields): Promise<Redirect | View> {
    try {
      const dto = await checkedDto(PartyRefusalDto, { reason: textField(fields, 'reason') });
      await this.signing.partyRefuse(principal, dto.reason);
      return new Redirect('/party/case?done=refused#agreement');
    } catch (error) {
      const errors = errorsOf(error);
      return new View(
        'party/case',
        await this.casePage(principal, undefined, { reason: errors.reason ?? errors[FORM_ERROR] }),
        422,
      );
    }
  }

  /** 给调解员留言: the text stays in the form when it is refused. */
  async sendMessage(principal: PartyPrincipal, fields: FormFields): Promise<Redirect | View> {
    const body = textField(fields, 'body');
    try {
      const dto = await checkedDto(PartyMessageDto, { body });
      await this.messages.sendFromParty(principal, dto.body);
      return new Redirect('/party/case?done=message#messages');
    } catch (error) {
      const errors = errorsOf(error);
      const page = await this.casePage(principal, undefined, { message: errors.body ?? errors[FORM_ERROR] });
      return new View('party/case', { ...page, messageDraft: body }, 422);
    }
  }

  /** 选择调解员 from the published roster. */
  async chooseMediator(principal: PartyPrincipal, fields: FormFields): Promise<Redirect | View> {
    try {
      const dto = await checkedDto(PartyMediatorChoiceDto, { mediatorId: textField(fields, 'mediatorId') });
      await this.choices.choose(principal, dto.mediatorId);
      return new Redirect('/party/case?done=mediator#mediator-choice');
    } catch (error) {
      const errors = errorsOf(error);
      return new View(
        'party/case',
        await this.casePage(principal, undefined, { mediator: errors.mediatorId ?? errors[FORM_ERROR] }),
        422,
      );
    }
  }

  agreementPdf(principal: PartyPrincipal) {
    return this.signing.partyPdf(principal);
  }

  documentPdf(principal: PartyPrincipal, id: string) {
    return this.party.documentPdf(principal, id);
  }
}
