import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { StaleVersionError, ValidationFailedError } from '../common/errors.js';
import { runBulk, type BatchCase, type BulkStep } from './bulk-runner.js';

const actor = { userId: 'u', courtId: 'c', roles: ['CLERK'] } as unknown as Actor;
const aCase = (id: string, status: BatchCase['status'], version = 1): BatchCase => ({
  id,
  externalRef: `REF-${id}`,
  status,
  procedure: 'LEGACY_PRE_FILING',
  version,
});
/** runBulk over the batch's cases, each with no input of its own. */
const runEach = (cases: BatchCase[], step: BulkStep<undefined>, progress?: Parameters<typeof runBulk>[5]) =>
  runBulk(
    actor,
    'batch',
    cases,
    cases.map((c) => ({ caseId: c.id, input: undefined })),
    step,
    progress,
  );

describe('runBulk', () => {
  it('takes every case in a state for the step, skips the others by the table, and goes on past refusals', async () => {
    const cases = [
      aCase('a', 'REGISTERED'),
      aCase('b', 'REFERRED'),
      aCase('c', 'REGISTERED'),
      aCase('d', 'REGISTERED'),
    ];
    const seen: { id: string; version: number }[] = [];
    const step: BulkStep<undefined> = {
      name: 'notices',
      operations: ['issueNotice'],
      take: async (_a, c) => {
        seen.push({ id: c.id, version: c.version });
        if (c.id === 'c') throw new StaleVersionError(1, 2);
        if (c.id === 'd') throw ValidationFailedError.field('x', 'X', '被申请人送达地址无法送达');
        return { version: c.version + 1, status: 'NOTICE_ISSUED' };
      },
    };
    const report = await runEach(cases, step);
    expect(seen.map((s) => s.id)).toEqual(['a', 'c', 'd']);
    expect(report).toMatchObject({ batchId: 'batch', step: 'notices', total: 4, done: 1, refused: 2, skipped: 1 });
    expect(report.lines).toEqual([
      { caseId: 'a', externalRef: 'REF-a', result: 'DONE' },
      expect.objectContaining({ caseId: 'b', result: 'SKIPPED', code: 'NOT_IN_STATE' }),
      expect.objectContaining({ caseId: 'c', result: 'REFUSED', code: 'STALE_VERSION', httpStatus: 409 }),
      expect.objectContaining({
        caseId: 'd',
        result: 'REFUSED',
        code: 'VALIDATION_FAILED',
        reason: '被申请人送达地址无法送达',
      }),
    ]);
    expect(report.lines[1]!.reason).toContain('待分派调解员');
  });

  it('passes the version each step answered to the next step on the same case', async () => {
    const versions: number[] = [];
    const step: BulkStep<number> = {
      name: 'answers',
      operations: ['recordAnswer'],
      take: async (_a, c) => {
        versions.push(c.version);
        return { version: c.version + 1, status: c.status };
      },
    };
    const tasks = [1, 2, 3].map((row) => ({ row, caseId: 'a', input: row }));
    const report = await runBulk(actor, 'batch', [aCase('a', 'NOTICE_ISSUED', 5)], tasks, step);
    expect(versions).toEqual([5, 6, 7]);
    expect(report.done).toBe(3);
  });

  it('reports rows refused before any case is touched, and cases not of the batch, by row', async () => {
    const step: BulkStep<undefined> = {
      name: 'answers',
      operations: ['recordAnswer'],
      take: () => Promise.reject(new Error('not called')),
    };
    const report = await runBulk(
      actor,
      'batch',
      [aCase('a', 'NOTICE_ISSUED')],
      [
        { row: 2, caseId: 'a', refusal: { code: 'DECISION_INVALID', reason: '答复应为同意或不同意' } },
        { row: 3, externalRef: 'X-1', refusal: { code: 'CASE_NOT_FOUND', reason: '没有' } },
        { row: 4, caseId: 'zz', input: undefined },
      ],
      step,
    );
    expect(report.lines).toEqual([
      {
        row: 2,
        caseId: 'a',
        externalRef: 'REF-a',
        result: 'REFUSED',
        code: 'DECISION_INVALID',
        reason: '答复应为同意或不同意',
      },
      { row: 3, caseId: null, externalRef: 'X-1', result: 'REFUSED', code: 'CASE_NOT_FOUND', reason: '没有' },
      expect.objectContaining({ row: 4, result: 'REFUSED', code: 'CASE_NOT_IN_BATCH' }),
    ]);
  });

  it('narrows the table with the step’s own wish, and reports an unexpected failure without stopping', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const step: BulkStep<undefined> = {
      name: 'notices',
      operations: ['issueNotice'],
      wanted: (c) => c.status === 'REGISTERED',
      take: (_a, c) =>
        c.id === 'a' ? Promise.reject(new Error('boom')) : Promise.resolve({ version: 2, status: 'NOTICE_ISSUED' }),
    };
    const cases = [aCase('a', 'REGISTERED'), aCase('b', 'NOTICE_ISSUED'), aCase('c', 'REGISTERED')];
    const report = await runEach(cases, step);
    expect(report.lines.map((l) => [l.caseId, l.result, l.code])).toEqual([
      ['a', 'REFUSED', 'INTERNAL_ERROR'],
      ['b', 'SKIPPED', 'NOT_IN_STATE'],
      ['c', 'DONE', undefined],
    ]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it('reports a case the database refused as the single request would answer it (a deadlock: 409, not 500)', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const step: BulkStep<undefined> = {
      name: 'notices',
      operations: ['issueNotice'],
      take: (_a, c) =>
        c.id === 'a'
          ? Promise.reject(new QueryFailedError('UPDATE cases', [], deadlock))
          : Promise.resolve({ version: 2, status: 'NOTICE_ISSUED' }),
    };
    const cases = [aCase('a', 'REGISTERED'), aCase('b', 'REGISTERED')];
    const report = await runEach(cases, step);
    expect(report.lines[0]).toMatchObject({ result: 'REFUSED', code: 'CONCURRENT_UPDATE', httpStatus: 409 });
    expect(report.lines[0]!.reason).toContain('他人');
    expect(report.lines[1]!.result).toBe('DONE');
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('tells its progress before the first line and after each one', async () => {
    const seen: unknown[] = [];
    const step: BulkStep<undefined> = {
      name: 'notices',
      operations: ['issueNotice'],
      take: (_a, c) =>
        c.id === 'b'
          ? Promise.reject(new StaleVersionError(1, 2))
          : Promise.resolve({ version: 2, status: 'NOTICE_ISSUED' }),
    };
    const cases = [aCase('a', 'REGISTERED'), aCase('b', 'REGISTERED'), aCase('c', 'REFERRED')];
    const report = await runEach(cases, step, async (counts) => {
      seen.push(counts);
    });
    expect(seen).toEqual([
      { total: 3, done: 0, refused: 0, skipped: 0 },
      { total: 3, done: 1, refused: 0, skipped: 0 },
      { total: 3, done: 1, refused: 1, skipped: 0 },
      { total: 3, done: 1, refused: 1, skipped: 1 },
    ]);
    expect(report).toMatchObject({ total: 3, done: 1, refused: 1, skipped: 1 });
  });
});
