import { ManualClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('rate limit on login (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  it('answers 429 past 60 attempts a minute from one address, counted in the database, and lets the next window in', async () => {
    // Without credentials the login fails before any password hashing: cheap, and still counted.
    const attempt = () => t.http().post('/api/v1/auth/login').send({});
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    const [{ hits }] = await t.dataSource.query(`SELECT max(hits)::int AS hits FROM rate_limit_windows`);
    expect(hits).toBe(62);
    clock.set('2026-11-23T02:01:00Z');
    expect((await attempt()).status).toBe(401);
  });
});
