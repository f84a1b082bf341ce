import { changeText, valueText } from './month-extras-view.js';

describe('the month page’s comparison text', () => {
  it('writes values as the exports round them and changes with their sign', () => {
    expect(valueText(0.6, 'ratio')).toBe('60.0%');
    expect(valueText(12000.5, 'money')).toBe('12,000.50');
    expect(valueText(null, 'count')).toBe('—');
    expect(changeText(0.2, 'ratio')).toBe('+20.0 个百分点');
    expect(changeText(-3, 'count')).toBe('−3');
    expect(changeText(0, 'count')).toBe('0');
    expect(changeText(-1.25, 'mean')).toBe('−1.3');
  });
});
