import { DIVISION_KINDS } from '../../courts/division.entity.js';
import { DIVISION_KIND_LABELS, populationOf, populationProblem, populationText } from './court-form.js';

describe('court form values', () => {
  it('reads a population written with thousands separators as a number, and leaves anything else as typed', () => {
    expect(populationOf('3446000')).toBe(3_446_000);
    expect(populationOf('3,446,000')).toBe(3_446_000);
    expect(populationOf('3，446 000')).toBe(3_446_000);
    expect(populationOf('0')).toBe(0);
    expect(populationOf('344.6万')).toBe('344.6万');
    expect(populationOf('-5')).toBe('-5');
    expect(populationOf('')).toBe('');
  });

  it('has its own message only for a population that is missing or not a whole number', () => {
    expect(populationProblem('')).toBe('请填写辖区常住人口');
    expect(populationProblem('三百万')).toBe('请填写整数人数，如 3446000');
    expect(populationProblem('3.5')).toBe('请填写整数人数，如 3446000');
    // In range or not, a whole number is the DTO's to judge.
    expect(populationProblem('0')).toBeUndefined();
    expect(populationProblem('200,000,000')).toBeUndefined();
  });

  it('shows a population grouped by thousands and in 万人', () => {
    expect(populationText(3_446_000)).toBe('3,446,000 人（约 344.6 万人）');
    expect(populationText(1_000_000)).toBe('1,000,000 人（约 100 万人）');
    expect(populationText(999)).toBe('999 人（约 0.1 万人）');
  });

  it('names every kind of division in Chinese', () => {
    expect(DIVISION_KINDS.map((kind) => DIVISION_KIND_LABELS[kind].label)).toEqual([
      '立案庭',
      '审判庭',
      '执行局',
      '审判管理',
      '诉调对接中心',
    ]);
  });
});
