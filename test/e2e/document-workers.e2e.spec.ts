// Documents are rendered in a bounded pool of worker threads (src/documents/): the largest case the platform
// registers (50 parties, a 5,000-character claim) still prints a correct notice, and when every worker is busy and
// the queue is full a download answers 503 with Retry-After in the shared error shape, and the pool recovers.
// That rendering leaves the event loop is checked over the source tree (src/documents/document-worker.spec.ts);
// how long another user waits meanwhile is measured by the bench (`bench/run.ts --only documents`), not here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { MAX_CLAIMS_CHARS, MAX_PARTIES } from '../../src/intake/case-size-limits.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { aCaseBody, residentId } from '../support/builders.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/http.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** The largest case registration accepts: MAX_PARTIES parties and a claim of MAX_CLAIMS_CHARS characters. */
export function largestCaseBody() {
  const base = aCaseBody({ n: 1 });
  const defendants = Array.from({ length: MAX_PARTIES - 1 }, (_, i) => ({
    role: 'DEFENDANT',
    kind: 'PERSON',
    name: `被申请人${String(i + 1).padStart(2, '0')}号`,
    idNumber: residentId(i + 2, '19850101'),
    address: `北京市朝阳区望京街${i + 1}号`,
    serviceAddress: `北京市朝阳区望京街${i + 1}号院${i + 1}单元`,
  }));
  const sentence = '请求判令各被申请人连带归还借款本金及利息，并承担本案全部诉讼费用。';
  const claims =
    `${sentence.repeat(Math.ceil(MAX_CLAIMS_CHARS / sentence.length))}`.slice(0, MAX_CLAIMS_CHARS - 4) + '请求结束';
  return { ...base, claims, parties: [base.parties[0], ...defendants] };
}

describe('documents in worker threads (e2e)', () => {
  const clock = new ManualClock(new Date('2026-09-01T02:00:00Z'));
  let t: TestApp;
  let dir: string;
  let c: RegisteredCase;
  let pdfUrl: string;
  let auth: ReturnType<typeof referralClient>['auth'];

  beforeAll(async () => {
    // One worker and room for one waiting document: the third document at once is refused.
    t = await startTestApp({ clock, jwtSecret: JWT_SECRET, documents: { workers: 1, queue: 1, workerHeapMb: 64 } });
    await t.seedCourt('京0105', '');
    const client = referralClient(t);
    auth = client.auth;
    c = await client.register({}, largestCaseBody());
    const notice = await client.issueNotice(c.id);
    expect(notice.status).toBe(201);
    pdfUrl = notice.body.serviceCopiesUrl; // the window's service copies, each with its party's rating code
    dir = mkdtempSync(path.join(tmpdir(), 'document-workers-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const download = async () =>
    t
      .http()
      .get(pdfUrl)
      .set(await auth('clerk'))
      .buffer(true)
      .parse(binary);

  it('registration refuses a case past the limits: one party more, one character more', async () => {
    const body = largestCaseBody();
    const tooMany = {
      ...body,
      parties: [...body.parties, { ...body.parties[1], name: '多出的被申请人', idNumber: residentId(99, '19850101') }],
    };
    const longer = { ...body, claims: `${body.claims}长` };
    for (const refused of [tooMany, longer]) {
      const res = await t
        .http()
        .post('/api/v1/cases')
        .set(await auth('clerk'))
        .send(refused);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('prints the notice of a 50-party case with a 5,000-character claim, one copy per party', async () => {
    const res = await download();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'notice.pdf');
    writeFileSync(file, res.body as Buffer);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const flat = text.replace(/\s+/g, '');
    // Each party has its own copy, with its own rating code, and every copy lists every party and the whole claim.
    expect(c.parties).toHaveLength(MAX_PARTIES);
    // (Checked as lists of what is missing: the text runs to hundreds of thousands of characters.)
    const label = (role: string) => (role === 'PLAINTIFF' ? '申请人（原告）' : '被申请人（被告）');
    const missing = c.parties.flatMap((party) =>
      [`送达：${label(party.role)}${party.name}`, `群众评价码：${ratingCodeFor(JWT_SECRET, party.id)}`].filter(
        (line) => !flat.includes(line),
      ),
    );
    expect(missing).toEqual([]);
    expect(flat.split('被申请人49号').length - 1).toBeGreaterThanOrEqual(MAX_PARTIES);
    expect(flat.split('请求结束').length - 1).toBe(MAX_PARTIES);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(MAX_PARTIES * 2);
    expect(flat).toContain(`第1页共${Math.round(pages / MAX_PARTIES)}页`);
  });

  it('answers 503 with Retry-After when the worker is busy and the queue is full, then serves again', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => download()));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const busy = answers.find((r) => r.status === 503)!;
    expect(busy.headers['retry-after']).toBe('5');
    const body = JSON.parse((busy.body as Buffer).toString('utf8'));
    expect(body).toMatchObject({ statusCode: 503, code: 'DOCUMENTS_BUSY', message: '文书生成繁忙，请稍后再试' });
    expect(body.requestId).toEqual(expect.any(String));
    const again = await download();
    expect(again.status).toBe(200);
  });
});
