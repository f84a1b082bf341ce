import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { bankRows, csvOf } from '../support/batch.js';
import { aCaseBody, creditCode, residentId } from '../support/builders.js';
import { createUser } from '../support/assignment.js';
import { rosterEntryFor } from '../support/mediation.js';
import { stepTo } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Item {
  id: string;
  status: string;
  caseType: string;
  plaintiffs: string;
  defendants: string;
  mediatorName: string | null;
}

describe('intake: the case list (e2e)', () => {
  let t: TestApp;
  let home: SeededCourt;
  const clock = new ManualClock(new Date('2026-03-10T02:00:00Z'));
  const ids: Record<string, string> = {};
  let ROSTER_ENTRY = '';
  let secondClerk = '';

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    const register = async (key: string, body: ReturnType<typeof aCaseBody>, at: string, user = 'clerk') => {
      clock.set(at);
      const res = await t
        .http()
        .post('/api/v1/cases')
        .set({ Authorization: `Bearer ${await t.token(user)}` })
        .send(body);
      expect(res.status).toBe(201);
      ids[key] = res.body.id;
    };
    // 2026-03-10 23:30 China time is still the 10th; 16:30Z on the 10th is already the 11th in China.
    await register('march10', aCaseBody({ n: 1 }), '2026-03-10T15:30:00Z');
    await register('march11', { ...aCaseBody({ n: 2 }), caseType: '劳动争议' }, '2026-03-10T16:30:00Z');
    const named = aCaseBody({ n: 3 });
    named.parties[0].name = '欧阳小明';
    // Three defendants: the row names two and counts them all.
    (named.parties as object[]).push(
      { ...named.parties[1], name: '北京甲公司', creditCode: creditCode(31) },
      { ...named.parties[1], name: '北京乙公司', creditCode: creditCode(32) },
    );
    // Registered by a second clerk, for the filter by registering clerk.
    secondClerk = await createUser(t, 'admin', 'clerk2', ['CLERK']);
    await register('named', named, '2026-03-12T02:00:00Z', 'clerk2');
    await register('other', aCaseBody({ n: 4 }), '2026-03-12T03:00:00Z', 'b_clerk');
    // A bank batch: one transaction per chunk gives many cases the same created_at, which paging must handle.
    clock.set('2026-03-13T02:00:00Z');
    const batch = await t
      .http()
      .post('/api/v1/cases/batches')
      .set({ Authorization: `Bearer ${await t.token('clerk')}` })
      .attach('file', csvOf(bankRows(23, 'LIST')), 'list.csv');
    expect(batch.body.imported).toBe(23);
    ids.batchFirst = (
      await t.dataSource.query(`SELECT id FROM cases WHERE batch_id = $1 AND external_ref = 'LIST-000001'`, [
        batch.body.batchId,
      ])
    )[0].id;

    // The statuses through the real steps, on the 13th.
    await stepTo(t, ids.march10, 'NOTICE_ISSUED');
    await stepTo(t, ids.march11, 'REFERRED');
    ROSTER_ENTRY = (await rosterEntryFor(t, home.users.mediator.id)).mediatorId;
    for (const id of [ids.named, ids.batchFirst]) await stepTo(t, id, 'ASSIGNED', { mediatorId: ROSTER_ENTRY });
  });
  afterAll(() => t.close());

  const list = async (query: string, user = 'clerk') =>
    t
      .http()
      .get(`/api/v1/cases${query}`)
      .set({ Authorization: `Bearer ${await t.token(user)}` });
  const idsOf = (res: { body: { items: Item[] } }) => res.body.items.map((i) => i.id);

  it('pages through every case of the court, newest first, with no duplicate or gap', async () => {
    const expected: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM cases WHERE court_id = $1 ORDER BY created_at DESC, id DESC`,
      [home.court.id],
    );
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const res = await list(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...idsOf(res));
      cursor = res.body.nextCursor;
      pages += 1;
    }
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(new Set(seen).size).toBe(26);
    expect(pages).toBe(4);
  });

  it('gives 20 by default and no cursor on the last page', async () => {
    const first = await list('');
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await list(`?cursor=${first.body.nextCursor}`);
    expect(rest.body.items).toHaveLength(6);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('lists rows without personal numbers: names only, the identity number and phone stay on the case page', async () => {
    const res = await list(`?q=${residentId(1)}`);
    const [item] = res.body.items;
    expect(item.plaintiffs).toEqual(expect.any(String));
    expect(item.defendants).toEqual(expect.any(String));
    expect(item).not.toHaveProperty('parties');
    expect(JSON.stringify(res.body)).not.toContain(residentId(1));
    expect(JSON.stringify(res.body)).not.toMatch(/1[3-9]\d\*{4}\d{4}|1[3-9]\d{9}/);
  });

  it('names the parties of each side in short and the mediator', async () => {
    const res = await list(`?q=${encodeURIComponent('阳小')}`);
    const [item] = res.body.items as Item[];
    expect(item.plaintiffs).toBe('欧阳小明');
    expect(item.defendants).toBe('北京某某科技有限公司、北京甲公司等3人');
    expect(item.mediatorName).toEqual(expect.any(String));
    expect(item.mediatorName).not.toBe('');
  });

  it.each([
    ['one status', () => '?status=REFERRED', ['march11']],
    ['several statuses', () => '?status=REFERRED,NOTICE_ISSUED', ['march11', 'march10']],
    ['case type', () => `?caseType=${encodeURIComponent('劳动争议')}`, ['march11']],
    ['China date range (23:30 China time is still the 10th)', () => '?from=2026-03-10&to=2026-03-10', ['march10']],
    ['date range across two days', () => '?from=2026-03-11&to=2026-03-12', ['named', 'march11']],
    ['party name substring', () => `?q=${encodeURIComponent('阳小')}`, ['named']],
    ['exact resident ID number', () => `?q=${residentId(2)}`, ['march11']],
    ['exact credit code', () => `?q=${creditCode(3)}`, ['named']],
    ['registering clerk', () => `?clerk=${secondClerk}`, ['named']],
    ['mediator', () => `?mediatorId=${ROSTER_ENTRY}`, ['batchFirst', 'named']],
    [
      'status, mediator and name together',
      () => `?status=ASSIGNED&mediatorId=${ROSTER_ENTRY}&q=${encodeURIComponent('借款人1')}`,
      ['batchFirst'],
    ],
  ])('filters by %s', async (_name, query, keys) => {
    const res = await list(query());
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual(keys.map((k) => ids[k]));
  });

  it('treats LIKE wildcards in a name search literally', async () => {
    const res = await list(`?q=${encodeURIComponent('%')}`);
    expect(res.body.items).toEqual([]);
  });

  it('shows a mediator only their own cases', async () => {
    const res = await list('', 'mediator');
    expect(res.status).toBe(200);
    expect(idsOf(res).sort()).toEqual([ids.batchFirst, ids.named].sort());
  });

  it('never shows another court’s cases', async () => {
    const res = await list(`?q=${residentId(4)}`);
    expect(res.body.items).toEqual([]);
    const theirs = await list(`?q=${residentId(4)}`, 'b_clerk');
    expect(idsOf(theirs)).toEqual([ids.other]);
  });

  it.each([
    ['?status=DONE', 'status'],
    ['?status=REFERRED,bogus', 'status'],
    ['?limit=101', 'limit'],
    ['?limit=0', 'limit'],
    ['?from=2026-02-30', 'from'],
    ['?from=2026-03-12&to=2026-03-11', 'to'],
    ['?clerk=nobody', 'clerk'],
    ['?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['?unknown=1', 'unknown'],
  ])('refuses %s with 400 naming %s', async (query, field) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  // The planner prefers a sequential scan on a table this small, so the plans are read with it discouraged.
  const planOf = (sql: string, params: unknown[]) =>
    t.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await m.query(`EXPLAIN ${sql}`, params);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });

  it('reads a status worklist page from the court/status index, already in order', async () => {
    const plan = await planOf(
      `SELECT id FROM cases WHERE court_id = $1 AND status = 'REFERRED' ORDER BY created_at DESC, id DESC LIMIT 21`,
      [home.court.id],
    );
    expect(plan).toContain('ix_cases_court_status_created');
    expect(plan).not.toContain('Sort');
  });

  it('starts a later page inside the index at the cursor', async () => {
    const plan = await planOf(
      `SELECT id FROM cases WHERE court_id = $1 AND (created_at, id) < ($2::timestamptz, $3::uuid)
       ORDER BY created_at DESC, id DESC LIMIT 21`,
      [home.court.id, '2026-03-12T00:00:00.000000Z', ids.named],
    );
    expect(plan).toMatch(/Index Cond: .*ROW\(created_at, id\) < ROW/);
    expect(plan).not.toContain('Sort');
  });
});
