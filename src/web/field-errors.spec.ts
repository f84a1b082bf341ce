import { fieldMessages } from './field-errors.js';

describe('field messages for the forms', () => {
  it('drops the field path the API puts in front, keeps the first message per field', () => {
    expect(
      fieldMessages([
        {
          field: 'parties[1].idNumber',
          code: 'ID_NUMBER_INVALID',
          message: 'parties[1].idNumber：身份证号校验位不正确',
        },
        { field: 'parties[1].idNumber', code: 'OTHER', message: '第二条' },
        { field: 'year', code: 'YEAR_INVALID', message: '请填写年份' },
      ]),
    ).toEqual({ 'parties[1].idNumber': '身份证号校验位不正确', year: '请填写年份' });
    expect(fieldMessages(undefined)).toEqual({});
  });
});
