import { ValidationFailedError } from '../common/errors.js';
import { decodeCursor, encodeCursor } from './case-cursor.js';

describe('case list cursor', () => {
  const cursor = { createdAt: '2026-03-01T02:03:04.123456Z', id: '0b7e0f7e-8a0c-4a43-9a4e-2f0e3f1d2c3b' };

  it('round-trips, keeping microseconds', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    'not base64 json',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["2026-03-01", "0b7e0f7e-8a0c-4a43-9a4e-2f0e3f1d2c3b"]').toString('base64url'),
    Buffer.from('["2026-03-01T02:03:04.123456Z", "x"]').toString('base64url'),
  ])('refuses %s with a 400 naming cursor', (text) => {
    try {
      decodeCursor(text);
      throw new Error('expected a validation error');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).details).toEqual([expect.objectContaining({ field: 'cursor' })]);
    }
  });
});
