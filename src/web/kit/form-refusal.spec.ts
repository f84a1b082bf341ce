import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  StaleVersionError,
  ValidationFailedError,
} from '../../common/errors.js';
import { FORM_ERROR, formErrorStatus, formErrorsOf, refusalOf } from './form-refusal.js';

describe('form refusals', () => {
  it('puts bad fields beside their fields (400)', () => {
    const error = ValidationFailedError.field('notes', 'REQUIRED', 'notes：须填写调解情况');
    expect(refusalOf(error)).toEqual({ status: 400, errors: { notes: '须填写调解情况' } });
  });

  it('says a rule or a conflict above the form, with fields when the caller knows them', () => {
    const rule = new RuleViolationError('EXTENSION_CAP_EXCEEDED', '最多还可延长 5 天');
    expect(refusalOf(rule, () => ({ days: '最多 5 天' }))).toEqual({
      status: 422,
      errors: { days: '最多 5 天' },
      problem: '最多还可延长 5 天',
    });
    expect(refusalOf(new ConflictError('ALREADY_REPLIED', '已答复'))).toEqual({
      status: 409,
      errors: {},
      problem: '已答复',
    });
  });

  it('tells a lost race apart: the page shows the latest state and keeps what was typed', () => {
    expect(refusalOf(new StaleVersionError(1, 2))?.problem).toContain('页面已更新为最新情况');
  });

  it('leaves what is not a form problem to the error page', () => {
    expect(refusalOf(new NotFoundError('CASE_NOT_FOUND', '案件不存在'))).toBeUndefined();
    expect(refusalOf(new ForbiddenError())).toBeUndefined();
    expect(refusalOf(new Error('boom'))).toBeUndefined();
  });
});

describe('form errors by field', () => {
  it('puts each invalid field at its field, without the field path the API message starts with', () => {
    const error = ValidationFailedError.field('note', 'LENGTH', 'note：备注应为 1 至 500 字');
    expect(formErrorsOf(error)).toEqual({ note: '备注应为 1 至 500 字' });
    expect(formErrorStatus(error)).toBe(400);
  });

  it('puts a rule that names its field at that field, and any other rule or conflict above the form', () => {
    const dated = new RuleViolationError('ANSWER_DATE_IN_FUTURE', 'answeredOn：答复日期晚于今天', {
      field: 'answeredOn',
    });
    expect(formErrorsOf(dated)).toEqual({ answeredOn: '答复日期晚于今天' });
    expect(formErrorStatus(dated)).toBe(422);
    expect(formErrorsOf(new StaleVersionError(1, 2))).toEqual({ [FORM_ERROR]: '该记录已被他人修改，请刷新后重试' });
    expect(formErrorsOf(new ConflictError('ALREADY_ANSWERED', '已经登记'))).toEqual({ [FORM_ERROR]: '已经登记' });
  });

  it('leaves errors that are not about the form to the error page', () => {
    expect(formErrorsOf(new NotFoundError('CASE_NOT_FOUND', '案件不存在'))).toBeUndefined();
    expect(formErrorsOf(new Error('boom'))).toBeUndefined();
  });
});
