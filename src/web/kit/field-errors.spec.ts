import { fieldMessages, plainMessage } from './field-errors.js';

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

  it('shows people the Chinese names of the codes an API message lists, never the codes', () => {
    expect(plainMessage('应为 CONSENT（同意调解）或 REFUSE（不同意调解）', 'IS_IN')).toBe(
      '应为“同意调解”或“不同意调解”',
    );
    expect(plainMessage('应为 ENFORCEABLE、PARTIALLY_ENFORCEABLE 或 UNENFORCEABLE', 'IS_IN')).toBe(
      '请从选项中选择一项',
    );
    expect(plainMessage('应为 ISO 周，格式 YYYY-Www', 'MATCHES')).toBe('填写的内容不符合要求，请按提示修改');
    expect(plainMessage('身份证号校验位不正确', 'ID_NUMBER_INVALID')).toBe('身份证号校验位不正确');
    expect(plainMessage('请上传一个 CSV 或 XLSX 文件', 'FILE_TYPE')).toBe('请上传一个 CSV 或 XLSX 文件');
    expect(
      fieldMessages([{ field: 'type', code: 'IS_IN', message: 'type：应为 FULL_TIME（专职）或 INVITED（特邀）' }]),
    ).toEqual({ type: '应为“专职”或“特邀”' });
  });
});
