import { checkSubsidyRates } from '../../statistics/subsidy-rules.js';
import { fieldMessages } from '../kit/field-errors.js';
import { cellErrors, rateCells, rateFormValues, rateTable, readRateForm } from './subsidy-rates-form.js';

const TYPES = ['民间借贷纠纷', '建设工程施工合同纠纷'];

describe('subsidy rates form', () => {
  const cells = rateCells(TYPES);

  it('has a base cell per outcome, then a cell per difficulty and outcome, then per case type and outcome', () => {
    expect(cells).toHaveLength(24);
    expect(cells[0]).toEqual({
      name: 'base.SETTLED',
      id: 'f-base-SETTLED',
      outcome: 'SETTLED',
      caseType: null,
      difficulty: null,
      label: '基础标准 · 调解成功',
    });
    expect(cells[12]).toMatchObject({
      name: 'COMPLEX.SETTLED',
      caseType: null,
      difficulty: 'COMPLEX',
      label: '复杂案件 · 调解成功',
    });
    expect(cells[21]).toMatchObject({
      name: 'type1.FAILED',
      caseType: '建设工程施工合同纠纷',
      label: '建设工程施工合同纠纷 · 调解不成',
    });
  });

  it('fills the cells with the rates in force, leaving case types without their own rate empty', () => {
    const values = rateFormValues(cells, [
      { outcome: 'SETTLED', caseType: null, difficulty: null, amount: '300.00' },
      { outcome: 'SETTLED', caseType: null, difficulty: 'SIMPLE', amount: '200.00' },
      { outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', difficulty: null, amount: '500.00' },
    ]);
    expect(values['SIMPLE.SETTLED']).toBe('200.00');
    expect(values['COMPLEX.SETTLED']).toBe('');
    expect(values['base.SETTLED']).toBe('300.00');
    expect(values['type1.SETTLED']).toBe('500.00');
    expect(values['type0.SETTLED']).toBe('');
    expect(values['base.FAILED']).toBe('');
  });

  it('sends every base cell and only the filled case-type cells, and maps the checker errors back to the cells', () => {
    const values = readRateForm(cells, {
      'base.SETTLED': ' 300 ',
      'base.FAILED': '',
      'base.WITHDRAWN': '50',
      'base.EXPIRED': '0',
      'type1.SETTLED': '12.345',
      'type0.EXPIRED': '-1',
      'COMPLEX.SETTLED': '500',
    });
    const { rates, sent } = rateTable(cells, values);
    expect(rates).toEqual([
      { outcome: 'SETTLED', amount: '300' },
      { outcome: 'FAILED', amount: '' },
      { outcome: 'WITHDRAWN', amount: '50' },
      { outcome: 'EXPIRED', amount: '0' },
      { outcome: 'SETTLED', difficulty: 'COMPLEX', amount: '500' },
      { outcome: 'EXPIRED', caseType: '民间借贷纠纷', amount: '-1' },
      { outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', amount: '12.345' },
    ]);
    const checked = checkSubsidyRates(rates, TYPES);
    if (!('errors' in checked)) throw new Error('expected errors');
    expect(cellErrors(fieldMessages(checked.errors), sent, values)).toEqual({
      'base.FAILED': '请填写金额（元）；不予补贴的填 0',
      'type0.EXPIRED': '金额不能为负数',
      'type1.SETTLED': '金额应为元，最多两位小数，例如 12000.50',
    });
  });

  it('puts an error about the whole table above the form', () => {
    expect(cellErrors({ rates: '缺少“撤回”（WITHDRAWN）的基础补贴标准' }, [], {})).toEqual({
      _form: '缺少“撤回”（WITHDRAWN）的基础补贴标准',
    });
  });
});
