import { prettyLine } from './logging.js';

describe('pretty log lines', () => {
  const time = Date.UTC(2026, 11, 1, 0, 30, 1);

  it('makes a request one short line: time, method, path, status, duration', () => {
    const line = prettyLine({
      level: 30,
      time,
      msg: 'request completed',
      req: { method: 'POST', url: '/api/v1/cases' },
      res: { statusCode: 201 },
      responseTime: 35.4,
    });
    expect(line).toBe('00:30:01 POST /api/v1/cases 201 35ms');
  });

  it('gives other records their level, context and message, with the stack of an error', () => {
    expect(prettyLine({ level: 40, time, context: 'DeadlineScanService', msg: 'slow' })).toBe(
      '00:30:01 WARN [DeadlineScanService] slow',
    );
    expect(prettyLine({ level: 50, time, msg: 'failed', err: { stack: 'Error: x\n    at y' } })).toBe(
      '00:30:01 ERROR failed\nError: x\n    at y',
    );
  });
});
