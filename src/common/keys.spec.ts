import { createHmac } from 'node:crypto';
import { derivedKey } from './keys.js';

describe('keys derived from the one secret', () => {
  const secret = 'k'.repeat(40);

  it('gives each purpose its own stable key, none of them the secret itself', () => {
    const keys = (['session-tokens', 'csrf-tokens', 'rating-codes'] as const).map((p) => derivedKey(secret, p));
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(3);
    for (const key of keys) {
      expect(key).toHaveLength(32);
      expect(key.equals(Buffer.from(secret))).toBe(false);
    }
    expect(derivedKey(secret, 'csrf-tokens').equals(derivedKey(secret, 'csrf-tokens'))).toBe(true);
    expect(derivedKey(`${secret}x`, 'csrf-tokens').equals(derivedKey(secret, 'csrf-tokens'))).toBe(false);
  });

  it('a MAC made with one key does not verify under another', () => {
    const mac = (key: Buffer) => createHmac('sha256', key).update('same input').digest('hex');
    expect(mac(derivedKey(secret, 'csrf-tokens'))).not.toBe(mac(derivedKey(secret, 'session-tokens')));
  });
});
