import { changeText, indicatorText } from './upward-statistics-format.js';

describe('reporting page figures', () => {
  it('shows rates, 万人成讼率 and means with the monthly page’s rounding', () => {
    expect(indicatorText('ratio', { value: 5 / 7 })).toBe('71.4%');
    expect(indicatorText('per10k', { value: 0.006667 })).toBe('0.01');
    expect(indicatorText('mean', { value: 12 })).toBe('12.0');
    expect(indicatorText('count', 7)).toBe('7');
    expect(indicatorText('count', { value: 0 })).toBe('0');
    expect(indicatorText('ratio', { value: null })).toBe('—');
  });

  it('signs the change from the period before', () => {
    expect(changeText('ratio', 0.125)).toBe('+12.5 个百分点');
    expect(changeText('mean', -2)).toBe('−2.0');
    expect(changeText('count', 0)).toBe('±0');
    expect(changeText('ratio', null)).toBe('—');
  });
});
