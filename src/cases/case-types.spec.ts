import { configuredCaseTypes, parseCaseTypes } from './case-types.js';

const valid = { name: '民间借贷纠纷', category: 'GENERAL', mediationSuggested: true, noticeTemplate: 'FINANCIAL' };

describe('configured case types', () => {
  it('reads the shipped config/case-types.json', () => {
    expect(configuredCaseTypes().map((t) => t.name)).toContain('信用卡纠纷');
  });

  it.each([
    ['no list', {}, 'caseTypes: must be a non-empty list'],
    ['a type without a name', { caseTypes: [{ ...valid, name: '' }] }, 'caseTypes[0].name'],
    ['an unknown template', { caseTypes: [{ ...valid, noticeTemplate: 'X' }] }, 'caseTypes[0].noticeTemplate'],
    ['an unknown category', { caseTypes: [valid, { ...valid, name: 'b', category: 'X' }] }, 'caseTypes[1].category'],
    [
      'not suggested without a reason',
      { caseTypes: [{ ...valid, mediationSuggested: false }] },
      'caseTypes[0].unsuitableReason',
    ],
    ['a name twice', { caseTypes: [valid, valid] }, 'caseTypes[1].name: "民间借贷纠纷" appears twice'],
    ['a type that is not an object', { caseTypes: ['x'] }, 'caseTypes[0]: must be a JSON object'],
  ])('refuses %s, naming the field', (_label, raw, message) => {
    expect(() => parseCaseTypes(raw)).toThrow(`配置错误 config/case-types.json ${message}`);
  });
});
