// A bulk step's run over a batch as others see it while it goes on (issue 30): GET /cases/batches/:id says which
// step runs and how far it has got, a second run of the same step is refused with 409 and changes nothing, and
// the run is the last one once it has ended. A run whose instance died reads as interrupted and does not block.
import { jest } from '@jest/globals';
import { bankRows, csvOf } from '../support/batch.js';
import { apiClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';

interface Run {
  step: string;
  label: string;
  outcome: string;
  total: number;
  done: number;
  refused: number;
  skipped: number;
}

describe('intake: the progress of a bulk step over a batch (e2e)', () => {
  let t: TestApp;
  const api = apiClient(() => t, { user: 'clerk' });

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t.close());

  const uploadBatch = async (prefix: string, count: number) => {
    const res = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth())
      .attach('file', csvOf(bankRows(count, prefix)), { filename: 'loans.csv', contentType: 'text/csv' });
    expect(res.status).toBe(201);
    return res.body.batchId as string;
  };
  const runsOf = async (batchId: string) => {
    const res = await api.get('clerk', `cases/batches/${batchId}`);
    expect(res.status).toBe(200);
    return res.body.bulkRuns as { running: Run[]; last: Run | null };
  };
  const statuses = async (batchId: string) => {
    const rows: { status: string }[] = await t.dataSource.query(
      'SELECT status FROM cases WHERE batch_id = $1 ORDER BY external_ref',
      [batchId],
    );
    return rows.map((r) => r.status);
  };

  /** Holds the notices run at its `at`-th case until `letGo` is called; `reached` resolves when it gets there. */
  const pauseNotices = (at: number) => {
    const notices = t.app.get(ReferralNoticeService);
    const issue = notices.issue.bind(notices);
    let letGo!: () => void;
    let arrived!: () => void;
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    let calls = 0;
    const spy = jest.spyOn(notices, 'issue').mockImplementation(async (...args) => {
      calls += 1;
      if (calls === at) {
        arrived();
        await gate;
      }
      return issue(...args);
    });
    return { reached, letGo, restore: () => spy.mockRestore() };
  };

  it('shows the running step with its counts so far, refuses a second run with 409, then shows it ended', async () => {
    const batchId = await uploadBatch('RN', 3);
    expect(await runsOf(batchId)).toEqual({ running: [], last: null });
    const pause = pauseNotices(2);
    try {
      const run = api.post('clerk', `cases/batches/${batchId}/notices`);
      await pause.reached;

      const during = await runsOf(batchId);
      expect(during.running).toEqual([
        expect.objectContaining({
          step: 'notices',
          label: '批量发送告知书',
          outcome: 'RUNNING',
          total: 3,
          done: 1,
          refused: 0,
          skipped: 0,
        }),
      ]);
      expect(await statuses(batchId)).toEqual(['NOTICE_ISSUED', 'REGISTERED', 'REGISTERED']);

      const second = await api.post('clerk', `cases/batches/${batchId}/notices`);
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        statusCode: 409,
        code: 'BULK_STEP_RUNNING',
        details: { step: 'notices', total: 3, done: 1 },
      });
      expect(second.body.message).toContain('本批次正在进行“批量发送告知书”（已处理 1/3 件）');
      // Refused before touching a case; another court's clerk is answered 404 as ever.
      expect(await statuses(batchId)).toEqual(['NOTICE_ISSUED', 'REGISTERED', 'REGISTERED']);
      expect((await api.post('b_clerk', `cases/batches/${batchId}/notices`)).status).toBe(404);

      pause.letGo();
      const first = await run;
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 3, done: 3, refused: 0, skipped: 0 });
    } finally {
      pause.letGo();
      pause.restore();
    }
    const after = await runsOf(batchId);
    expect(after.running).toEqual([]);
    expect(after.last).toMatchObject({ step: 'notices', outcome: 'FINISHED', total: 3, done: 3 });
    // Once ended, the step runs again (nothing left to do).
    const again = await api.post('clerk', `cases/batches/${batchId}/notices`);
    expect(again.body).toMatchObject({ done: 0, skipped: 3 });
    expect((await runsOf(batchId)).last).toMatchObject({ outcome: 'FINISHED', done: 0, skipped: 3 });
  });

  it('does not count a sheet refused before the run as a run', async () => {
    const batchId = await uploadBatch('RS', 1);
    const res = await t
      .http()
      .post(`/api/v1/cases/batches/${batchId}/answers`)
      .set(await api.auth())
      .attach('file', Buffer.from('编号,金额\nRS-000001,1\n'), { filename: 'wrong.csv', contentType: 'text/csv' });
    expect(res.status).toBe(400);
    expect(await runsOf(batchId)).toEqual({ running: [], last: null });
  });

  it('reads a run whose instance died as interrupted, and lets the step run again', async () => {
    const batchId = await uploadBatch('RD', 2);
    const [{ court_id: courtId, uploaded_by: clerkId }]: { court_id: string; uploaded_by: string }[] =
      await t.dataSource.query('SELECT court_id, uploaded_by FROM case_batches WHERE id = $1', [batchId]);
    // What an instance that died mid-run leaves: its row under way, and no session holding its lock.
    await t.dataSource.query(
      `INSERT INTO case_batch_runs (court_id, batch_id, step, started_by, started_at, total, done)
       VALUES ($1, $2, 'notices', $3, now(), 2, 1)`,
      [courtId, batchId, clerkId],
    );
    expect(await runsOf(batchId)).toMatchObject({
      running: [],
      last: { step: 'notices', outcome: 'INTERRUPTED', total: 2, done: 1 },
    });
    const res = await api.post('clerk', `cases/batches/${batchId}/notices`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ done: 2 });
    const rows: { outcome: string }[] = await t.dataSource.query(
      'SELECT outcome FROM case_batch_runs WHERE batch_id = $1 ORDER BY seq',
      [batchId],
    );
    expect(rows.map((r) => r.outcome)).toEqual(['INTERRUPTED', 'FINISHED']);
  });
});
