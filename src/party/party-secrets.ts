// Link tokens, party tokens and identity codes: random, shown once, kept only as hashes. A token has 32 random
// bytes, so a plain SHA-256 is enough; a six-digit code is keyed (HMAC with a key derived from the app secret)
// and bound to its challenge, so a copy of the table does not give the codes away.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../common/keys.js';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export class CodeHasher {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = derivedKey(secret, 'party-codes');
  }
  hash(challengeId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${challengeId}:${code}`).digest('hex');
  }
  matches(challengeId: string, code: string, stored: string): boolean {
    const given = Buffer.from(this.hash(challengeId, code), 'hex');
    const expected = Buffer.from(stored, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
