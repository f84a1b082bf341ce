import { hashRatingCode, normaliseRatingCode, ratingCodeFor } from './rating-code.js';

const SECRET = 'test-secret-that-is-long-enough-0123456789';
const PARTY = '3f1c2a9e-8b7d-4c6e-9a5f-1e2d3c4b5a69';

describe('rating codes (群众评价码)', () => {
  it('is 10 symbols with no look-alike characters', () => {
    const code = ratingCodeFor(SECRET, PARTY);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
  });

  it('is the same on every reprint and differs per party and per secret', () => {
    expect(ratingCodeFor(SECRET, PARTY)).toBe(ratingCodeFor(SECRET, PARTY));
    expect(ratingCodeFor(SECRET, PARTY)).not.toBe(ratingCodeFor(SECRET, PARTY.replace('9', '8')));
    expect(ratingCodeFor(SECRET, PARTY)).not.toBe(ratingCodeFor(`${SECRET}x`, PARTY));
  });

  it('spreads over the alphabet (no stuck symbol positions)', () => {
    const firsts = new Set<string>();
    for (let i = 0; i < 400; i += 1) firsts.add(ratingCodeFor(SECRET, `party-${i}`)[0]);
    expect(firsts.size).toBe(32);
  });

  it('normalises what a person types back to the code', () => {
    const code = ratingCodeFor(SECRET, PARTY);
    const typed = `${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `;
    expect(normaliseRatingCode(typed)).toBe(code);
    expect(normaliseRatingCode('O0I1ABCDEF')).toBeNull();
    expect(normaliseRatingCode('ABC')).toBeNull();
  });

  it('stores a sha256 hex of the code, not the code', () => {
    const hash = hashRatingCode(ratingCodeFor(SECRET, PARTY));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(ratingCodeFor(SECRET, PARTY));
  });
});
