import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  StaleVersionError,
  ValidationFailedError,
} from '../../common/errors.js';
import { refusalOf } from './form-refusal.js';

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
