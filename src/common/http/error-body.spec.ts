import { ValidationFailedError } from '../errors.js';
import { toErrorBody } from './error-body.js';

/** An error as Node's request stream gives it when the client goes away while its body is read. */
function clientAbort(markedByFastify: boolean): Error {
  const error = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
  return markedByFastify ? Object.assign(error, { statusCode: 400 }) : error;
}

describe('toErrorBody', () => {
  it('answers a client that aborted its request as 400 REQUEST_ABORTED, not a database outage', () => {
    for (const error of [clientAbort(true), clientAbort(false)]) {
      expect(toErrorBody(error)).toMatchObject({ statusCode: 400, code: 'REQUEST_ABORTED' });
    }
  });

  it('still answers the database connection reset as 503 DATABASE_UNAVAILABLE', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(toErrorBody(reset)).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(toErrorBody(new Error('Connection terminated unexpectedly'))).toMatchObject({ statusCode: 503 });
  });

  it('caps a list of problems at 20 and counts the rest', () => {
    const problems = Array.from({ length: 70 }, (_, i) => ({ field: `f${i}`, code: 'X', message: `f${i}：问题` }));
    const body = toErrorBody(new ValidationFailedError(problems));
    expect(body.details).toHaveLength(21);
    expect((body.details as { code: string; count: number }[])[20]).toMatchObject({ code: 'MORE_PROBLEMS', count: 50 });
  });
});
