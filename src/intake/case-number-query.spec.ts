import { parseCaseNumberQuery } from './case-number-query.js';

describe('worklist search by case number', () => {
  it('takes a whole number as printed, with half- or full-width brackets', () => {
    expect(parseCaseNumberQuery('(2026)京0105民初1号')).toEqual({
      kind: 'whole',
      type: '民初',
      number: '(2026)京0105民初1号',
    });
    expect(parseCaseNumberQuery('（2026）京0105民诉前调123号')).toEqual({
      kind: 'whole',
      type: '民诉前调',
      number: '(2026)京0105民诉前调123号',
    });
    expect(parseCaseNumberQuery('(2026)京0105诉调告字第7号')).toEqual({
      kind: 'whole',
      type: '诉调告字',
      number: '(2026)京0105诉调告字第7号',
    });
  });

  it('takes the type and sequence as people say them, with an optional year', () => {
    expect(parseCaseNumberQuery('民初1')).toEqual({ kind: 'sequence', type: '民初', sequence: 1, year: null });
    expect(parseCaseNumberQuery('诉前调123')).toEqual({
      kind: 'sequence',
      type: '民诉前调',
      sequence: 123,
      year: null,
    });
    expect(parseCaseNumberQuery('民诉前调 45 号')).toEqual({
      kind: 'sequence',
      type: '民诉前调',
      sequence: 45,
      year: null,
    });
    expect(parseCaseNumberQuery('告字第5号')).toEqual({ kind: 'sequence', type: '诉调告字', sequence: 5, year: null });
    expect(parseCaseNumberQuery('2026民初3')).toEqual({ kind: 'sequence', type: '民初', sequence: 3, year: 2026 });
  });

  it('leaves names and other text to the party search', () => {
    for (const q of ['张三', '北京某某科技有限公司', '民初', '123', '民事初审1'])
      expect(parseCaseNumberQuery(q)).toBeNull();
  });
});
