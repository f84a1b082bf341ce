import { prettyLine, redactedUrl } from './logging.js';

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

describe("the access log's URL", () => {
  it("hides the parties' rating codes, searches, personal numbers and the calendar feed's secret", () => {
    expect(redactedUrl('/rate?code=AB12CD34')).toBe('/rate?code=[已隐藏]');
    expect(redactedUrl('/rate?done=1&code=AB12CD34')).toBe('/rate?done=1&code=[已隐藏]');
    expect(redactedUrl('/api/v1/cases?status=REGISTERED&q=110105199001011234')).toBe(
      '/api/v1/cases?status=REGISTERED&q=[已隐藏]',
    );
    expect(redactedUrl('/api/v1/calendar/feeds/s3cr3t-feed.ics')).toBe('/api/v1/calendar/feeds/[已隐藏]');
    expect(redactedUrl('/api/v1/cases/123')).toBe('/api/v1/cases/123');
  });
});
