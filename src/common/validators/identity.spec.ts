import { creditCodeProblem, mobileProblem, phoneProblem, residentIdProblem } from './identity.js';

describe('identity validators', () => {
  it('accepts the GB 11643 sample resident ID and rejects a wrong check digit', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull();
    expect(residentIdProblem('110105194912310021')).toMatch(/校验位/);
  });

  it('rejects impossible birth dates, bad shapes and lowercase x', () => {
    expect(residentIdProblem('110105199002300019')).toMatch(/出生日期/);
    expect(residentIdProblem('11010519900101001')).toMatch(/18 位/);
    expect(residentIdProblem('11010519491231002x')).toMatch(/18 位/);
  });

  it('checks the credit code check character (GB 32100)', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toMatch(/校验位/);
    expect(creditCodeProblem('91350100M000100I43')).toMatch(/18 位/);
  });

  it('accepts mainland mobiles only', () => {
    expect(mobileProblem('13800138000')).toBeNull();
    expect(mobileProblem('12800138000')).not.toBeNull();
    expect(mobileProblem('1380013800')).not.toBeNull();
  });

  it('takes mobiles and landlines with an area code, with an extension written - or 转', () => {
    for (const ok of [
      '13800138000',
      '010-62345678',
      '01062345678',
      '0571-8765432',
      '010-62345678-123',
      '010-62345678转123',
    ]) {
      expect(phoneProblem(ok)).toBeNull();
    }
    for (const bad of ['62345678', '010-623', '12800138000', '010-62345678转', '010-62345678ext123', '110']) {
      expect(phoneProblem(bad)).toMatch(/010-62345678/);
    }
  });
});
