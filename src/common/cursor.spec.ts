import { decodeCursor, encodeCursor, toPage } from './cursor.js';

const isString = (v: unknown) => typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number';

describe('keyset cursors', () => {
  it('round-trips a sort key', () => {
    const cursor = encodeCursor([1, '2026-09-23', 'abc']);
    expect(decodeCursor(cursor, [isNumber, isString, isString])).toEqual([1, '2026-09-23', 'abc']);
  });

  it.each([
    ['not base64 json', '%%%'],
    ['wrong length', encodeCursor(['a'])],
    ['wrong type at a position', encodeCursor(['a', 'b'])],
    ['not an array', Buffer.from('{"a":1}').toString('base64url')],
  ])('refuses a cursor that is %s with 400 CURSOR_INVALID', (_label, cursor) => {
    expect(() => decodeCursor(cursor, [isNumber, isString])).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ code: 'CURSOR_INVALID' })] }),
    );
  });

  it('gives a next cursor only when there is one more row than the limit', () => {
    const key = (n: number) => [n];
    expect(toPage([1, 2, 3], 2, key, (n) => n * 10)).toEqual({ items: [10, 20], nextCursor: encodeCursor([2]) });
    expect(toPage([1, 2], 2, key, (n) => n)).toEqual({ items: [1, 2], nextCursor: null });
  });
});
