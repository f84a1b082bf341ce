import { loggerOptions, prettyLine, redactedUrl } from './logging.js';

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

  it("hides a party's one-time SMS link (/p/<token>)", () => {
    const token = 'Qm9vbGVhbi1vbmUtdGltZS1saW5rLXRva2VuLTMyYnl0ZXM';
    expect(redactedUrl(`/p/${token}`)).toBe('/p/[已隐藏]');
    expect(redactedUrl(`/p/${token}?x=1`)).toBe('/p/[已隐藏]?x=1');
    expect(redactedUrl('/party/case')).toBe('/party/case');
  });

  it('hides the same values inside the address a login page is sent back to (next=, percent-encoded)', () => {
    const id = '110105199001011234';
    const next = (url: string) => `/login?next=${encodeURIComponent(url)}&expired=1`;
    const logged = redactedUrl(next(`/cases?status=REGISTERED&q=${id}`));
    expect(logged).not.toContain(id);
    expect(logged).toBe(next('/cases?status=REGISTERED&q=[已隐藏]'));
    expect(redactedUrl(next('/rate?code=AB12CD34'))).not.toContain('AB12CD34');
    expect(redactedUrl(next('/cases/123'))).toBe(next('/cases/123'));
    // Malformed percent-encoding: the whole value hidden rather than kept.
    expect(redactedUrl(`/login?next=%E0${id}`)).toBe('/login?next=[已隐藏]');
  });

  it("redacts a redirect's target in the logged response headers as well", () => {
    const { pinoHttp } = loggerOptions('info') as unknown as {
      pinoHttp: { serializers: { res: (res: unknown) => { statusCode: number; headers: Record<string, unknown> } } };
    };
    const logged = pinoHttp.serializers.res({
      statusCode: 303,
      headers: { location: `/login?next=${encodeURIComponent('/cases?q=110105199001011234')}`, 'x-a': '1' },
    });
    expect(logged).toEqual({
      statusCode: 303,
      headers: { location: `/login?next=${encodeURIComponent('/cases?q=[已隐藏]')}`, 'x-a': '1' },
    });
    expect(pinoHttp.serializers.res({ statusCode: 200, headers: {} })).toEqual({ statusCode: 200, headers: {} });
  });
});

describe('a request the client dropped', () => {
  type Hooks = {
    customSuccessMessage: (req: unknown, res: unknown) => string;
    customLogLevel: (req: unknown, res: unknown, err?: Error) => string;
  };
  const { pinoHttp } = loggerOptions('info') as unknown as { pinoHttp: Hooks };
  const answered = { req: { readableAborted: false }, res: { writableEnded: true, statusCode: 200 } };
  const dropped = { req: { readableAborted: false }, res: { writableEnded: false, statusCode: 200 } };
  const halfSent = { req: { readableAborted: true }, res: { writableEnded: false, statusCode: 200 } };

  it('is logged as the client going away, at info, also when writing to the closed socket failed', () => {
    expect(pinoHttp.customSuccessMessage(answered.req, answered.res)).toBe('request completed');
    for (const { req, res } of [dropped, halfSent]) {
      expect(pinoHttp.customSuccessMessage(req, res)).toMatch(/client went away/);
      expect(pinoHttp.customLogLevel(req, res)).toBe('info');
      const reset = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      expect(pinoHttp.customLogLevel(req, res, reset)).toBe('info');
    }
    // A real failure stays an error.
    expect(pinoHttp.customLogLevel(dropped.req, dropped.res, new Error('boom'))).toBe('error');
    expect(prettyLine({ req: { method: 'GET', url: '/x' }, res: { statusCode: 200 }, clientAborted: true })).toMatch(
      /GET \/x 200 \(the client went away\)$/,
    );
  });
});
