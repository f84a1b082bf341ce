import {
  ConflictError,
  NotFoundError,
  RuleViolationError,
  StaleVersionError,
  ValidationFailedError,
} from '../../common/errors.js';
import { FORM_ERROR, formErrorStatus, formErrorsOf } from './form-errors.js';

describe('form errors', () => {
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
