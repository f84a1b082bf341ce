import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { CaseNumberService } from '../../src/intake/case-number.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('case numbers (案号) on the real database', () => {
  let t: TestApp;
  let numbers: CaseNumberService;
  let court: SeededCourt['court'];

  beforeAll(async () => {
    // A pool wide enough that many of the 50 transactions really wait on the counter row together.
    t = await startTestApp({ poolSize: 30 });
    court = (await t.seedCourt('京0105', '')).court;
    numbers = t.app.get(CaseNumberService);
  });
  afterAll(() => t.close());

  const sequenceOf = (caseNumber: string) => Number(/(\d+)号$/.exec(caseNumber)![1]);
  const nextInOwnTransaction = (typeCode: '民诉前调' | '民初', year: number) =>
    t.dataSource.transaction((m) => numbers.next(m, court, typeCode, year));

  it('gives 50 parallel requests, each in its own transaction, exactly 1..50', async () => {
    const given = await Promise.all(Array.from({ length: 50 }, () => nextInOwnTransaction('民诉前调', 2026)));
    expect(given.every((n) => /^\(2026\)京0105民诉前调\d+号$/.test(n))).toBe(true);
    expect(given.map(sequenceOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('takes a number back when its transaction rolls back, so none is skipped', async () => {
    await expect(
      t.dataSource.transaction(async (m) => {
        await numbers.next(m, court, '民初', 2026);
        throw new Error('registration failed after the number was drawn');
      }),
    ).rejects.toThrow('registration failed');
    expect(await nextInOwnTransaction('民初', 2026)).toBe('(2026)京0105民初1号');
  });

  it('counts each year and each type on its own', async () => {
    expect(await nextInOwnTransaction('民诉前调', 2027)).toBe('(2027)京0105民诉前调1号');
    expect(await nextInOwnTransaction('民初', 2026)).toBe('(2026)京0105民初2号');
  });
});
