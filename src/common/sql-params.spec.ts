import { sqlParams } from './sql-params.js';

describe('sqlParams', () => {
  it('numbers the names in order and lays the values out in the same order', () => {
    const p = sqlParams(['b', 'a', 'c'] as const);
    expect(p.at).toEqual({ b: '$1', a: '$2', c: '$3' });
    expect(p.values({ a: 'A', b: null, c: [1] })).toEqual([null, 'A', [1]]);
  });
});
