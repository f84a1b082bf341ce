import { oneOfMessage } from './one-of.js';

describe('oneOfMessage', () => {
  it('lists each code with its Chinese name', () => {
    expect(oneOfMessage({ NORMAL: '普通', URGENT: '加急' })).toBe('应为 NORMAL（普通）或 URGENT（加急）');
    expect(oneOfMessage({ A: '甲', B: '乙', C: '丙' })).toBe('应为 A（甲）、B（乙）或 C（丙）');
    expect(oneOfMessage({ A: '甲' })).toBe('应为 A（甲）');
  });
});
