// Personal data never reaches the logs: the real app (child process) at debug
// level registers, searches, refuses and unmasks cases with identity numbers and
// phones; then its whole output is scanned for them, and for a party's rating code
// and one-time link (issue 28).
import { aPostFilingCaseBody, residentId } from '../support/builders.js';
import { freePort, startChildApp, waitForHealth } from '../support/child-app.js';
import { createTestDatabase } from '../support/test-app.js';

describe('log scan for personal data', () => {
  it('logs requests, but no full ID number or phone number, whatever happens', async () => {
    const port = await freePort();
    const app = startChildApp({
      DATABASE_URL: await createTestDatabase(),
      JWT_SECRET: 'log-scan-secret-that-is-long-enough-123',
      SEED_DEMO: '1',
      PORT: String(port),
      LOG_LEVEL: 'debug',
    });
    const secrets: string[] = [];
    const ratingCode = 'RQ7ZK2MX';
    const partyLink = 'pL1nk-0f-a-party-that-must-not-be-logged-9x';
    const base = `http://127.0.0.1:${port}/api/v1`;
    const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
    try {
      await waitForHealth(port, app);
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'clerk', password: 'Demo-pass-2026' }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const body = aPostFilingCaseBody({ n: 606, plaintiffId: residentId(606, '19850214') });
      secrets.push(body.parties[0].idNumber!, body.parties[0].phone!, body.parties[1].phone!);

      const created = await fetch(`${base}/cases`, {
        method: 'POST',
        headers: json(accessToken),
        body: JSON.stringify(body),
      });
      expect(created.status).toBe(201);
      const c = (await created.json()) as { id: string; parties: { id: string }[] };
      // A refused registration carrying a (wrong) ID number and the same phone.
      const bad = {
        ...body,
        parties: [{ ...body.parties[0], idNumber: secrets[0].slice(0, 17) + 'Y' }, body.parties[1]],
      };
      expect(
        (await fetch(`${base}/cases`, { method: 'POST', headers: json(accessToken), body: JSON.stringify(bad) }))
          .status,
      ).toBe(400);
      // Searching by the number, and unmasking it (allowed to the case's staff).
      expect((await fetch(`${base}/cases?q=${secrets[0]}`, { headers: json(accessToken) })).status).toBe(200);
      const unmasked = await fetch(`${base}/cases/${c.id}/parties/${c.parties[0].id}/personal-data`, {
        headers: json(accessToken),
      });
      expect(JSON.stringify(await unmasked.json())).toContain(secrets[0]);
      // A failed login whose user name is the ID number.
      await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: secrets[0], password: secrets[1] }),
      });
      // Issue 28: a party's rating code and one-time SMS link, and a search sent back through the login page
      // (`/login?next=`, percent-encoded) when the person has no session.
      const origin = `http://127.0.0.1:${port}`;
      expect((await fetch(`${origin}/rate?code=${ratingCode}`)).status).toBeLessThan(500);
      expect((await fetch(`${origin}/p/${partyLink}`)).status).toBeLessThan(500);
      const toLogin = await fetch(`${origin}/cases?q=${secrets[0]}`);
      expect(toLogin.url).toContain('/login?next=');
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    const output = app.output();
    expect(output).toContain('"url":"/api/v1/cases'); // requests were logged, so the scan means something
    for (const secret of [...secrets, ratingCode, partyLink]) expect(output).not.toContain(secret);
    expect(output).toContain('/login?next='); // the login page's request was logged, redacted
    // Nor any other number shaped like one (digit boundaries, so timestamps do not count).
    const leaks = output.match(/(?<!\d)(\d{17}[\dX]|1[3-9]\d{9})(?!\d)/g) ?? [];
    expect(leaks).toEqual([]);
  });
});
