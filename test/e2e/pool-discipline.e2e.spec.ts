// No pool self-deadlock: a transaction's code path never takes a second pooled connection (the calendar is
// read through the transaction's manager), and a burst at the window gets no 5xx and gapless numbers.
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, aReplyBody, chinaTime, sendLetter } from '../support/consultation.js';
import { aCaseInMediation } from '../support/mediation.js';
import { probePool, type PoolProbe } from '../support/pool-probe.js';
import { referralClient, type RegisteredCase } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

const BURST = 100;

describe('database pool discipline (e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-12-21'));
  let t: TestApp;
  let home: SeededCourt;
  let probe: PoolProbe;
  let client: ReturnType<typeof referralClient>;
  let n = 900;

  beforeAll(async () => {
    t = await startTestApp({ clock, poolSize: 20 });
    home = await t.seedCourt('京0105', '');
    client = referralClient(t);
    probe = probePool(t.dataSource);
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t);
  const roleOf = (c: RegisteredCase, role: string) => c.parties.find((p) => p.role === role)!.id;
  /** Cases with their notice issued and the plaintiff's consent recorded: the next consent refers them. */
  const halfConsented = async (count: number) => {
    const cases: RegisteredCase[] = [];
    for (let i = 0; i < count; i += 1) {
      const c = await client.register({ n: (n += 1) });
      await client.issueNotice(c.id);
      await client.answer(c.id, roleOf(c, 'PLAINTIFF'), 'CONSENT');
      cases.push(c);
    }
    return cases;
  };
  const numbersOf = (values: string[], pattern: RegExp) =>
    values.map((v) => Number(pattern.exec(v)![1])).sort((a, b) => a - b);

  describe('every transaction on its one connection', () => {
    beforeEach(() => probe.reset());

    it('the last consent (provisional deadline included)', async () => {
      const [c] = await halfConsented(1);
      probe.reset();
      const res = await client.answer(c.id, roleOf(c, 'DEFENDANT'), 'CONSENT');
      expect(res.status).toBe(201);
      expect(res.body.case.deadlineProvisional).toBe(true);
      expect(probe.violations).toEqual([]);
    });

    it('an extension, a letter and its reply, a judicial confirmation, and the entry of a year', async () => {
      const inMediation = await aCaseInMediation(t, {
        mediatorUserId: home.users.mediator.id,
        consentedOn: '2026-12-01',
        deadline: '2026-12-31',
        status: 'IN_MEDIATION',
        n: (n += 1),
      });
      probe.reset();
      const extended = await t
        .http()
        .post(`/api/v1/cases/${inMediation}/extensions`)
        .set(await auth('mediator'))
        .send({ days: 10, reason: '双方同意延长', plaintiffConsent: true, defendantConsent: true });
      expect(extended.status).toBe(201);

      const caseId = await aCaseIn(t, home, { n: (n += 1) });
      const letter = await sendLetter(t, 'judge', caseId);
      const reply = await t
        .http()
        .post(`/api/v1/consultations/${letter.id}/reply`)
        .set(await auth('enforcer'))
        .send(aReplyBody());
      expect(reply.status).toBe(201);

      // Agreed on 2026-11-01 and applied for on 12-05: later than 30 days, so the calendar is asked.
      clock.set(chinaTime('2026-11-01'));
      const settledCase = await aCaseInMediation(t, {
        mediatorUserId: home.users.mediator.id,
        consentedOn: '2026-10-20',
        deadline: '2026-11-19',
        status: 'IN_MEDIATION',
        n: (n += 1),
      });
      const settled = await t
        .http()
        .post(`/api/v1/cases/${settledCase}/outcome`)
        .set(await auth('mediator'))
        .send({
          result: 'SETTLED',
          settlement: { method: 'JUDICIAL_CONFIRMATION', agreement: '被申请人当场支付8000元。', amount: '8000.00' },
        });
      expect(settled.status).toBe(201);
      clock.set(chinaTime('2026-12-21'));
      probe.reset();
      const late = await t
        .http()
        .post(`/api/v1/cases/${settledCase}/judicial-confirmation`)
        .set(await auth('judge'))
        .send({ appliedOn: '2026-12-05', decision: 'REJECTED' });
      expect(late.status).toBe(422);
      expect(late.body.code).toBe('JUDICIAL_CONFIRMATION_LATE');

      const year = await t
        .http()
        .put('/api/v1/calendar/years/2027')
        .set(await auth('admin'))
        .send({ holidays: ['2027-01-01'], makeupWorkdays: [] });
      expect(year.status).toBe(200);
      expect(probe.violations).toEqual([]);
      await t.dataSource.query(`DELETE FROM calendar_years WHERE year = 2027`);
    });
  });

  describe(`a burst of ${BURST} at once`, () => {
    it(`${BURST} parallel last consents: no 5xx, every case numbered, the numbers gapless`, async () => {
      const cases = await halfConsented(BURST);
      probe.reset();
      // The numbering counter of 2026 before the burst (the fixtures' cases carry made-up numbers).
      const [{ last }] = await t.dataSource.query(
        `SELECT coalesce((SELECT last_value FROM case_number_counters
           WHERE court_id = $1 AND year = 2026 AND type_code = '民诉前调'), 0)::int AS last`,
        [home.court.id],
      );
      const results = await Promise.all(cases.map((c) => client.answer(c.id, roleOf(c, 'DEFENDANT'), 'CONSENT')));
      expect(results.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
      expect(results.map((r) => r.status)).toEqual(cases.map(() => 201));
      const numbers = numbersOf(
        results.map((r) => r.body.case.prelitigationNumber as string),
        /民诉前调(\d+)号/,
      );
      // The burst took the next BURST numbers, one each: no gap, no repeat.
      expect(numbers).toEqual(Array.from({ length: BURST }, (_, i) => last + 1 + i));
      expect(results.every((r) => r.body.case.deadlineProvisional === true)).toBe(true);
      expect(probe.violations).toEqual([]);
    });

    it(`${BURST} parallel consultation letters: no 5xx, the letter numbers gapless`, async () => {
      clock.set(chinaTime('2026-12-28')); // the due dates reach into 2027: provisional
      const caseIds: string[] = [];
      for (let i = 0; i < 10; i += 1) caseIds.push(await aCaseIn(t, home, { n: (n += 1) }));
      const token = await auth('judge');
      probe.reset();
      const [{ last }] = await t.dataSource.query(
        `SELECT coalesce(max(substring(letter_number from '执咨(\\d+)号')::int), 0) AS last FROM consultation_letters`,
      );
      const results = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          t
            .http()
            .post('/api/v1/consultations')
            .set(token)
            .send({
              caseId: caseIds[i % caseIds.length],
              questions: ['被告名下是否有可供执行的财产'],
              priority: 'NORMAL',
            }),
        ),
      );
      expect(results.filter((r) => r.status >= 500).map((r) => r.body)).toEqual([]);
      expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
      const numbers = numbersOf(
        results.map((r) => r.body.letterNumber as string),
        /执咨(\d+)号/,
      );
      expect(numbers).toEqual(Array.from({ length: BURST }, (_, i) => last + 1 + i));
      expect(results.every((r) => r.body.dueOnProvisional === true)).toBe(true);
      expect(probe.violations).toEqual([]);
    });
  });
});
