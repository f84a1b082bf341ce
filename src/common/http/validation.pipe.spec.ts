import { RegisterCaseDto } from '../../intake/register-case.dto.js';
import { fieldMessages } from '../../web/kit/field-errors.js';
import { ValidationFailedError, type FieldError } from '../errors.js';
import { AppValidationPipe } from './validation.pipe.js';

const party = { role: 'PLAINTIFF', kind: 'PERSON', name: '张三' };
const body = { caseType: '民间借贷纠纷', claimAmount: '100', claims: '归还借款', parties: [party, party] };

async function refusal(value: object): Promise<FieldError[]> {
  try {
    await new AppValidationPipe().transform(value, { type: 'body', metatype: RegisterCaseDto });
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.details as FieldError[];
    throw error;
  }
  throw new Error('accepted');
}

describe('AppValidationPipe messages', () => {
  it("start with the field's path once, the DTO's own message saying only the rule", async () => {
    const details = await refusal({ ...body, claims: '' });
    expect(details).toEqual([{ field: 'claims', code: 'IS_LENGTH', message: 'claims：诉讼请求应为 1 至 5000 字' }]);
  });

  it('give a nested field its whole path, which the pages leave out', async () => {
    const details = await refusal({ ...body, parties: [party, { ...party, name: '', kind: 'ROBOT' }] });
    expect(details.map((d) => d.message)).toEqual([
      'parties[1].kind：应为 PERSON（自然人）或 ORGANIZATION（法人或其他组织）',
      'parties[1].name：姓名或名称应为 1 至 100 个字',
    ]);
    expect(fieldMessages(details)['parties[1].name']).toBe('姓名或名称应为 1 至 100 个字');
  });

  it('word the built-in checks in Chinese, after the path', async () => {
    const details = await refusal({ ...body, claims: 5 });
    expect(details.map((d) => d.message)).toContain('claims：应为文本');
  });
});
