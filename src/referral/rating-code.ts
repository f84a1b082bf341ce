// 群众评价码: a party's one-time code for rating the service without an account.
// Derived from the party id with the app's secret, so a reprint shows the same
// code and the database keeps only its hash.
import { createHash, createHmac } from 'node:crypto';
import { derivedKey } from '../common/keys.js';

/** 32 symbols without the look-alikes 0/O and 1/I. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const RATING_CODE_LENGTH = 10;

/** The party's code: 10 symbols (50 bits) of HMAC-SHA256(the secret's rating-code key, 'rating:' + partyId). */
export function ratingCodeFor(secret: string, partyId: string): string {
  const mac = createHmac('sha256', derivedKey(secret, 'rating-codes')).update(`rating:${partyId}`).digest();
  let code = '';
  for (let i = 0; i < RATING_CODE_LENGTH; i += 1) {
    code += ALPHABET[readBits(mac, i * 5, 5)];
  }
  return code;
}

/** What is stored and looked up: sha256 of the code, hex. */
export function hashRatingCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** A code as a person types it (lower case, spaces, dashes) back to its stored form, or null when it cannot be one. */
export function normaliseRatingCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== RATING_CODE_LENGTH) return null;
  return [...code].every((ch) => ALPHABET.includes(ch)) ? code : null;
}

function readBits(bytes: Buffer, offset: number, count: number): number {
  let value = 0;
  for (let bit = offset; bit < offset + count; bit += 1) {
    value = (value << 1) | ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
  }
  return value;
}
