import { TOTP } from 'otpauth';
import {
  acceptedStep,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  openSecret,
  sealSecret,
  totpFor,
} from './second-factor.js';

describe('second factor primitives', () => {
  const key = Buffer.alloc(32, 7);

  it('accepts the code of now and of the steps either side, not two steps away', () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 11, 7, 5, 30, 10);
    const code = (ms: number) => new TOTP({ secret, digits: 6, period: 30 }).generate({ timestamp: ms });
    const step = Math.floor(now / 30000);
    expect(acceptedStep(secret, code(now), now)).toBe(step);
    expect(acceptedStep(secret, code(now - 30000), now)).toBe(step - 1);
    expect(acceptedStep(secret, code(now + 30000), now)).toBe(step + 1);
    expect(acceptedStep(secret, code(now - 90000), now)).toBeUndefined();
    expect(acceptedStep(secret, 'abcdef', now)).toBeUndefined();
  });

  it('writes an otpauth URI an authenticator app reads', () => {
    const uri = totpFor(newTotpSecret(), 'admin').toString();
    expect(uri).toMatch(/^otpauth:\/\/totp\/.*admin\?.*secret=[A-Z2-7]+/);
  });

  it('seals the secret to its user: another user id does not open it', () => {
    const sealed = sealSecret(key, 'user-1', 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(key, 'user-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openSecret(key, 'user-2', sealed)).toThrow();
  });

  it('gives ten distinct recovery codes, read back whatever the case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(normaliseRecoveryCode(` ${codes[0].toUpperCase()} `)).toBe(codes[0].replace('-', ''));
    expect(normaliseRecoveryCode('123456')).toBeUndefined();
  });
});
