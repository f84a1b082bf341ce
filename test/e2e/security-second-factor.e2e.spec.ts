// Issue 28, item 6 (second factor): TOTP with one-time recovery codes, required for administrators and
// available to every staff account. Codes are computed here with the same library the app uses (otpauth).
import { Secret, TOTP } from 'otpauth';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: ms,
  });

describe('second factor (e2e)', () => {
  let t: TestApp;
  let adminRecoveryCodes: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ adminSecondFactor: 'required', trustProxy: ['127.0.0.1', '::1'] });
    await t.seedCourt('京0105', '');
  });
  afterAll(() => t.close());

  const login = (username: string, password = TEST_PASSWORD, from = '198.51.100.1') =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ username, password });
  const secondStep = (challenge: string, code: string, from = '198.51.100.1') =>
    t.http().post('/api/v1/auth/login/second-factor').set('X-Forwarded-For', from).send({ challenge, code });
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) => t.http().post(path).set('Authorization', `Bearer ${token}`).send(body),
  });

  /** Enrols the user behind a token; returns the secret, the recovery codes and the new token. */
  async function enrol(token: string) {
    const started = await as(token).post('/api/v1/auth/second-factor/enrolment');
    expect(started.status).toBe(200);
    expect(started.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(started.body.qrSvg).toContain('<svg');
    const secret = started.body.secret as string;
    const firstCode = codeAt(secret, Date.now());
    const confirmed = await as(token).post('/api/v1/auth/second-factor/enrolment/confirm', { code: firstCode });
    expect(confirmed.status).toBe(200);
    return {
      secret,
      firstCode,
      recoveryCodes: confirmed.body.recoveryCodes as string[],
      token: confirmed.body.accessToken as string,
    };
  }

  it('leads an administrator without a second factor to enrol before anything else, then asks for the code', async () => {
    const first = await login('admin');
    expect(first.status).toBe(200);
    expect(first.body.user.mustEnrolSecondFactor).toBe(true);
    const oldToken = first.body.accessToken as string;
    const refused = await as(oldToken).get('/api/v1/users');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await as(oldToken).get('/api/v1/auth/me')).status).toBe(200);
    expect((await as(oldToken).get('/api/v1/auth/second-factor')).body).toMatchObject({
      enrolled: false,
      required: true,
    });

    // A wrong first code confirms nothing.
    await as(oldToken).post('/api/v1/auth/second-factor/enrolment');
    const wrong = await as(oldToken).post('/api/v1/auth/second-factor/enrolment/confirm', { code: '000000' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('SECOND_FACTOR_INVALID');

    const enrolled = await enrol(oldToken);
    expect(enrolled.recoveryCodes).toHaveLength(10);
    adminRecoveryCodes = enrolled.recoveryCodes;
    expect((await as(enrolled.token).get('/api/v1/users')).status).toBe(200);
    expect((await as(oldToken).get('/api/v1/auth/me')).status).toBe(401);
    // A second enrolment over a confirmed factor is refused.
    expect((await as(enrolled.token).post('/api/v1/auth/second-factor/enrolment')).status).toBe(409);
    // An administrator who must have one cannot remove it.
    const removal = await as(enrolled.token).post('/api/v1/auth/second-factor/removal', {
      code: codeAt(enrolled.secret, Date.now() + 30_000),
    });
    expect(removal.status).toBe(422);
    expect(removal.body.code).toBe('SECOND_FACTOR_REQUIRED');

    // The password alone gives no token now, only a challenge.
    const password = await login('admin');
    expect(password.status).toBe(200);
    expect(password.body.accessToken).toBeUndefined();
    expect(password.body.secondFactorRequired).toBe(true);
    const challenge = password.body.challenge as string;
    // The code already used (enrolment) is refused: each code counts once.
    const replay = await secondStep(challenge, enrolled.firstCode);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('SECOND_FACTOR_INVALID');
    const ok = await secondStep(challenge, codeAt(enrolled.secret, Date.now() + 30_000));
    expect(ok.status).toBe(200);
    expect((await as(ok.body.accessToken).get('/api/v1/users')).status).toBe(200);

    // A recovery code logs in once.
    const viaRecovery = await secondStep((await login('admin')).body.challenge, enrolled.recoveryCodes[0]);
    expect(viaRecovery.status).toBe(200);
    const again = await secondStep((await login('admin')).body.challenge, enrolled.recoveryCodes[0]);
    expect(again.status).toBe(401);
    expect((await as(viaRecovery.body.accessToken).get('/api/v1/auth/second-factor')).body).toMatchObject({
      enrolled: true,
      recoveryCodesLeft: 9,
    });

    // Stored sealed and hashed: neither the secret nor a recovery code is in the database.
    const [{ sealed }] = await t.dataSource.query(
      `SELECT f.sealed_secret AS sealed FROM user_second_factors f JOIN users u ON u.id = f.user_id
       WHERE u.username = 'admin'`,
    );
    expect(sealed).not.toContain(enrolled.secret);
    const hashes: { code_hash: string }[] = await t.dataSource.query(`SELECT code_hash FROM user_recovery_codes`);
    for (const code of enrolled.recoveryCodes) {
      expect(hashes.some((h) => h.code_hash.includes(code.replace('-', '')))).toBe(false);
    }
    const actions: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE action LIKE 'SECOND_FACTOR%' ORDER BY occurred_at`,
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['SECOND_FACTOR_ENROLMENT_STARTED', 'SECOND_FACTOR_ENROLLED']),
    );
  });

  it('refuses a forged or foreign challenge, and a session token as one', async () => {
    const token = (await login('clerk')).body.accessToken as string;
    for (const challenge of ['x', token, `${token}x`]) {
      const res = await secondStep(challenge, '123456');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('SECOND_FACTOR_CHALLENGE_EXPIRED');
    }
  });

  it('lets any staff account enrol and remove it; wrong codes count towards the lockout', async () => {
    const clerkToken = (await login('mediator')).body.accessToken as string;
    expect((await as(clerkToken).get('/api/v1/auth/second-factor')).body.required).toBe(false);
    const enrolled = await enrol(clerkToken);
    const from = '203.0.113.44';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const challenge = (await login('mediator', TEST_PASSWORD, from)).body.challenge as string;
      statuses.push((await secondStep(challenge, '000000', from)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The source is locked: the password step refuses it now, right password or not.
    expect((await login('mediator', TEST_PASSWORD, from)).status).toBe(423);
    // Locked from that source only.
    const elsewhere = await secondStep(
      (await login('mediator')).body.challenge,
      codeAt(enrolled.secret, Date.now() + 30_000),
    );
    expect(elsewhere.status).toBe(200);
    const removed = await as(elsewhere.body.accessToken).post('/api/v1/auth/second-factor/removal', {
      code: enrolled.recoveryCodes[3],
    });
    expect(removed.status).toBe(204);
    expect((await login('mediator')).body.accessToken).toEqual(expect.any(String));
  });

  it("lets the court's administrator reset a user's second factor (lost phone)", async () => {
    const judgeToken = (await login('judge')).body.accessToken as string;
    await enrol(judgeToken);
    expect((await login('judge')).body.secondFactorRequired).toBe(true);
    const [{ id: judgeId }] = await t.dataSource.query(`SELECT id FROM users WHERE username = 'judge'`);
    const clerk = (await login('clerk')).body.accessToken as string;
    expect((await as(clerk).post(`/api/v1/users/${judgeId}/second-factor-reset`)).status).toBe(403);
    const admin = await secondStep((await login('admin')).body.challenge, adminRecoveryCodes[5]);
    expect(admin.status).toBe(200);
    expect((await as(admin.body.accessToken).post(`/api/v1/users/${judgeId}/second-factor-reset`)).status).toBe(204);
    expect((await login('judge')).body.accessToken).toEqual(expect.any(String));
  });
});
