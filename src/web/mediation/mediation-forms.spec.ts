import { ValidationFailedError, RuleViolationError } from '../../common/errors.js';
import { RecordSessionDto } from '../../mediation/session.dto.js';
import { checkedDto } from '../kit/dto-check.js';
import {
  ApplyJudicialConfirmationDto,
  RecordJudicialConfirmationDto,
} from '../../mediation/settlement-follow-up.dto.js';
import {
  applicationBody,
  choiceFriendly,
  confirmationBody,
  extensionBody,
  extensionRefusalFields,
  integerOrText,
  readApplicationForm,
  readConfirmationForm,
  readExtensionForm,
  readSessionForm,
  sessionBody,
  settleBody,
  settleFieldOf,
  versionOf,
} from './mediation-forms.js';

describe('mediation forms', () => {
  it('makes one participant of each line (or 、/；-separated name), dropping blanks', () => {
    const values = readSessionForm({
      heldOn: '2026-09-10',
      mode: 'PHONE',
      participants: ' 申请人张三\r\n\n被申请人李四、代理人王五；记录员赵六 ',
      notes: '情况',
    });
    expect(sessionBody(values, 3).participants).toEqual(['申请人张三', '被申请人李四', '代理人王五', '记录员赵六']);
  });

  it('passes a session body the API accepts', async () => {
    const body = sessionBody(
      readSessionForm({ heldOn: '2026-09-10', mode: 'VIDEO', participants: '张三', notes: 'x' }),
      2,
    );
    await expect(checkedDto(RecordSessionDto, body)).resolves.toMatchObject({ mode: 'VIDEO', version: 2 });
  });

  it('sends an unticked consent as absent, so the service names the missing one', () => {
    const body = extensionBody(readExtensionForm({ days: '10', reason: '筹款', plaintiffConsent: 'true' }), undefined);
    expect(body).toEqual({ days: 10, reason: '筹款', plaintiffConsent: true, version: undefined });
  });

  it('turns digits into a number and leaves anything else for the DTO to name', () => {
    expect(integerOrText('15')).toBe(15);
    expect(integerOrText('十五')).toBe('十五');
    expect(integerOrText('')).toBeUndefined();
    expect(versionOf({ version: '7' })).toBe(7);
    expect(versionOf({ version: 'x' })).toBeUndefined();
  });

  it('nests the settlement for the API and leaves out the dates not typed (the API takes today)', () => {
    const values = { settlementMethod: 'WITHDRAWAL', agreement: '协议', amount: '1.5', performanceDueOn: '' };
    const body = settleBody({ ...values, concludedOn: '', difficulty: '' }, 4);
    expect(body).toEqual({
      result: 'SETTLED',
      settlement: { method: 'WITHDRAWAL', agreement: '协议', amount: '1.5' },
      version: 4,
    });
    expect(settleBody({ ...values, concludedOn: '', difficulty: 'COMPLEX' }, 4)).toMatchObject({
      difficulty: 'COMPLEX',
    });
  });

  it("maps the API's settlement fields to the form's", () => {
    expect(settleFieldOf('settlement.method')).toBe('settlementMethod');
    expect(settleFieldOf('settlement.amount')).toBe('amount');
    expect(settleFieldOf('concludedOn')).toBe('concludedOn');
  });

  it('asks plainly for a choice instead of listing codes', () => {
    expect(choiceFriendly({ mode: '应为 IN_PERSON…', notes: '须填写' })).toEqual({
      mode: '请选择调解方式',
      notes: '须填写',
    });
  });

  it('puts the consent refusal at the missing boxes and the cap at the days', () => {
    const consent = new RuleViolationError('EXTENSION_NEEDS_CONSENT', '须双方同意', { missing: ['defendantConsent'] });
    expect(extensionRefusalFields(consent)).toEqual({ defendantConsent: '请确认被申请人已同意延长' });
    const cap = new RuleViolationError('EXTENSION_CAP_EXCEEDED', '最多还可延长 5 天');
    expect(extensionRefusalFields(cap)).toEqual({ days: '最多还可延长 5 天' });
    expect(extensionRefusalFields(new ValidationFailedError([]))).toEqual({});
  });

  it('sends the ruling on an application without the date and number the form does not ask for', async () => {
    const ruling = confirmationBody(readConfirmationForm({ decision: 'CONFIRMED', decidedOn: '', note: '' }));
    expect(ruling).toEqual({ decision: 'CONFIRMED' });
    await expect(checkedDto(RecordJudicialConfirmationDto, ruling)).resolves.toMatchObject({ decision: 'CONFIRMED' });
  });

  it('sends an application with the typed number only where one was typed', async () => {
    const own = applicationBody(readApplicationForm({ appliedOn: '2026-09-10', applicationNumber: ' ' }), 4);
    expect(own).toEqual({ appliedOn: '2026-09-10', version: 4 });
    const typed = applicationBody(
      readApplicationForm({ appliedOn: '2026-09-10', applicationNumber: '(2026)京0106民特8号' }),
      undefined,
    );
    await expect(checkedDto(ApplyJudicialConfirmationDto, typed)).resolves.toMatchObject({
      applicationNumber: '(2026)京0106民特8号',
    });
  });
});
