// GET /metrics over real HTTP: the Prometheus text format, protected by a token or on its own port,
// and its counters moving with requests, jobs, the deadline scan and batch uploads.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { DeadlineScanService } from '../../src/mediation/deadline-scan.service.js';
import { bankRows, csvOf } from '../support/batch.js';
import { freePort } from '../support/child-app.js';
import { aCaseInMediation } from '../support/mediation.js';
import { parsePrometheus, sampleValue, type Sample } from '../support/prometheus.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

const TOKEN = 'metrics-token-for-the-test-0123';

describe('metrics behind a token on the app port (e2e)', () => {
  const clock = new ManualClock(new Date('2026-09-10T02:00:00Z'));
  let t: TestApp;
  let home: SeededCourt;

  beforeAll(async () => {
    t = await startTestApp({ clock, metrics: { token: TOKEN } });
    home = await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<Sample[]> => {
    const res = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return parsePrometheus(res.text);
  };
  const { auth } = apiClient(() => t);

  it('refuses a scrape without the token, or with a wrong one, in the shared error shape', async () => {
    for (const header of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`]) {
      const req = t.http().get('/metrics');
      const res = await (header ? req.set('Authorization', header) : req);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      expect(res.body.message).toMatch(/令牌/);
    }
  });

  it('counts requests by route pattern and status, with their latency', async () => {
    const before = await scrape();
    const route = { method: 'GET', route: '/api/v1/cases/:id' };
    const missing = '00000000-0000-4000-8000-000000000000';
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .get(`/api/v1/cases/${missing}`)
        .set(await auth('clerk'));
    }
    await t.http().get(`/api/v1/cases/${missing}`); // no token: 401
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('http_requests_total', { ...route, status: '404' })).toBe(3);
    expect(delta('http_requests_total', { ...route, status: '401' })).toBe(1);
    expect(delta('http_request_duration_seconds_count', { ...route, status: '404' })).toBe(3);
    expect(delta('http_request_duration_seconds_bucket', { ...route, status: '404', le: '+Inf' })).toBe(3);
    expect(sampleValue(after, 'http_request_duration_seconds_sum', { ...route, status: '404' })).toBeGreaterThan(0);
    // Ids never become labels: one series per route.
    expect(after.some((s) => s.labels.route?.includes(missing))).toBe(false);
  });

  it('shows the connection pool and the process', async () => {
    const samples = await scrape();
    for (const name of ['db_pool_connections_in_use', 'db_pool_connections_idle', 'db_pool_requests_waiting']) {
      expect(samples.some((s) => s.name === name)).toBe(true);
    }
    expect(sampleValue(samples, 'db_pool_connections_idle')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts deadline-scan runs, their duration, expiries and warnings', async () => {
    const mediator = home.users.mediator.id;
    await aCaseInMediation(t, { mediatorUserId: mediator, deadline: '2026-10-08', n: 1 });
    await aCaseInMediation(t, { mediatorUserId: mediator, deadline: '2026-10-12', n: 2 });
    const before = await scrape();
    clock.set('2026-10-09T02:00:00Z'); // the first is past its deadline, the second within the warning window
    const result = await t.app.get(DeadlineScanService).runDeadlineScan();
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    const job = { job: 'mediation-deadline-scan' };
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(result.warned).toBeGreaterThanOrEqual(1);
    expect(delta('job_runs_total', { ...job, outcome: 'ok' })).toBe(1);
    expect(delta('job_duration_seconds_count', job)).toBe(1);
    expect(delta('deadline_scan_expired_total')).toBe(result.expired);
    expect(delta('deadline_scan_warnings_total')).toBe(result.warned);
  });

  it('counts the rows a batch upload imported', async () => {
    const before = await scrape();
    const res = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await auth('clerk'))
      .attach('file', csvOf(bankRows(7, 'MT')), { filename: 'bank.csv', contentType: 'text/csv' });
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(7);
    const after = await scrape();
    expect(sampleValue(after, 'batch_rows_imported_total') - sampleValue(before, 'batch_rows_imported_total')).toBe(7);
  });
});

describe('metrics on their own port (e2e)', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({ metrics: { port, host: '127.0.0.1' } });
  });
  afterAll(() => t.close());

  it('serves /metrics on the metrics port only', async () => {
    await t.http().get('/health');
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    const samples = parsePrometheus(await res.text());
    expect(sampleValue(samples, 'http_requests_total', { route: '/health', status: '200' })).toBeGreaterThanOrEqual(1);
    expect((await t.http().get('/metrics')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });
});
