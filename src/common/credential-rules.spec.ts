import { passwordProblems } from './credential-rules.js';

describe('password policy', () => {
  it.each([
    'Password123',
    'P@ssw0rd2026!',
    'Qwerty2026!',
    'Admin@123456',
    '1qaz2wsx3EDC',
    'Welcome#2026',
    'Abcabcabc1',
  ])('refuses the common password %s', (password) => expect(passwordProblems(password)).toMatch(/常见/));

  it('refuses a password containing the username, in any case', () => {
    expect(passwordProblems('Zhangwei-2026x', 'zhangwei')).toMatch(/用户名/);
    expect(passwordProblems('xx-ZHANGWEI-26', 'zhangwei')).toMatch(/用户名/);
    expect(passwordProblems('Test-pass-2026', 'zhangwei')).toBeNull();
  });

  it('keeps the length and character-class rules', () => {
    expect(passwordProblems('12345678')).toMatch(/至少 10 位/);
    expect(passwordProblems('abcdefghijkl')).toMatch(/三类/);
    expect(passwordProblems('Test-pass-2026')).toBeNull();
    expect(passwordProblems('Hk3#vT9q!wLp')).toBeNull();
  });
});
