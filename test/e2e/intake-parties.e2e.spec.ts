import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseBody, mobile, residentId } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';
import { rosterEntryFor } from '../support/mediation.js';
import { stepTo } from '../support/referral.js';

interface PartyView {
  id: string;
  role: string;
  serviceAddress: string | null;
  addressVerification: string | null;
  addressVerificationResult: string | null;
}

describe('intake: service addresses and personal data (e2e)', () => {
  let t: TestApp;
  let home: SeededCourt;
  beforeAll(async () => {
    t = await startTestApp();
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t, { user: 'clerk' });
  /** A plaintiff (person) against two defendants: a company and a person. */
  const registerWithTwoDefendants = async (n: number) => {
    const body = aCaseBody({ n });
    (body.parties as object[]).push({
      role: 'DEFENDANT',
      kind: 'PERSON',
      name: '王五',
      idNumber: residentId(n + 500),
      phone: mobile(n + 700),
      address: '北京市海淀区中关村大街1号',
      serviceAddress: '北京市海淀区中关村大街1号',
    });
    const res = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth())
      .send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; parties: PartyView[] };
  };
  const verify = async (caseId: string, body: object, user = 'clerk') =>
    t
      .http()
      .post(`/api/v1/cases/${caseId}/address-verification`)
      .set(await auth(user))
      .send(body);
  const eventsOf = async (caseId: string) =>
    (
      await t
        .http()
        .get(`/api/v1/cases/${caseId}/events`)
        .set(await auth())
    ).body as { action: string; actorId: string; before: Record<string, unknown>; after: Record<string, unknown> }[];

  describe('address verification (送达地址核实)', () => {
    it('marks the case verified only when every defendant is confirmed or corrected, with history', async () => {
      const c = await registerWithTwoDefendants(1);
      const [, company, person] = c.parties;

      const first = await verify(c.id, {
        partyId: company.id,
        method: 'PHONE',
        result: 'CONFIRMED',
        version: c.version,
      });
      expect(first.status).toBe(201);
      expect(first.body.addressVerified).toBe(false);
      expect(first.body.version).toBe(c.version + 1);
      expect(first.body.parties[1]).toMatchObject({
        addressVerification: 'PHONE',
        addressVerificationResult: 'CONFIRMED',
      });

      const second = await verify(c.id, {
        partyId: person.id,
        method: 'HOUSEHOLD_REGISTRATION',
        result: 'CORRECTED',
        correctedAddress: '北京市海淀区学院路2号',
        note: '户籍地址与起诉状不一致，已更正',
      });
      expect(second.status).toBe(201);
      expect(second.body.addressVerified).toBe(true);
      expect(second.body.parties[2].serviceAddress).toBe('北京市海淀区学院路2号');

      const events = (await eventsOf(c.id)).filter((e) => e.action === 'ADDRESS_VERIFIED');
      expect(events).toHaveLength(2);
      expect(events[1].actorId).toBe(home.users.clerk.id);
      expect(events[1].before).toMatchObject({
        status: 'REGISTERED',
        partyId: person.id,
        serviceAddress: '北京市海淀区中关村大街1号',
        result: null,
        addressVerified: false,
      });
      expect(events[1].after).toMatchObject({
        status: 'REGISTERED',
        partyId: person.id,
        serviceAddress: '北京市海淀区学院路2号',
        method: 'HOUSEHOLD_REGISTRATION',
        result: 'CORRECTED',
        addressVerified: true,
        note: '户籍地址与起诉状不一致，已更正',
      });
    });

    it('an unreachable defendant leaves the case unverified', async () => {
      const c = await registerWithTwoDefendants(2);
      await verify(c.id, { partyId: c.parties[1].id, method: 'PHONE', result: 'CONFIRMED' });
      const res = await verify(c.id, { partyId: c.parties[2].id, method: 'POSTAL', result: 'UNREACHABLE' });
      expect(res.status).toBe(201);
      expect(res.body.addressVerified).toBe(false);
    });

    it('a later check that finds the address unreachable takes the verification back', async () => {
      const c = await registerWithTwoDefendants(3);
      await verify(c.id, { partyId: c.parties[1].id, method: 'PHONE', result: 'CONFIRMED' });
      const both = await verify(c.id, { partyId: c.parties[2].id, method: 'IN_PERSON', result: 'CONFIRMED' });
      expect(both.body.addressVerified).toBe(true);
      const later = await verify(c.id, { partyId: c.parties[2].id, method: 'POSTAL', result: 'UNREACHABLE' });
      expect(later.body.addressVerified).toBe(false);
    });

    it.each([
      ['CORRECTED without the new address', 'correctedAddress', { method: 'PHONE', result: 'CORRECTED' }],
      [
        'a new address without CORRECTED',
        'correctedAddress',
        { method: 'PHONE', result: 'CONFIRMED', correctedAddress: '某地' },
      ],
      ['an unknown method', 'method', { method: 'EMAIL', result: 'CONFIRMED' }],
      ['an unknown result', 'result', { method: 'PHONE', result: 'MAYBE' }],
      ['an over-long note', 'note', { method: 'PHONE', result: 'CONFIRMED', note: '注'.repeat(1001) }],
    ])('refuses %s with 400 naming %s, nothing changed', async (_name, field, body) => {
      const c = await registerWithTwoDefendants(4);
      const res = await verify(c.id, { partyId: c.parties[1].id, ...body });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      const [row] = await t.dataSource.query(
        `SELECT address_verification, version FROM parties p
        JOIN cases c ON c.id = p.case_id WHERE p.id = $1`,
        [c.parties[1].id],
      );
      expect(row).toEqual({ address_verification: null, version: c.version });
    });

    it('checks only defendants: a plaintiff is refused with 422', async () => {
      const c = await registerWithTwoDefendants(5);
      const res = await verify(c.id, { partyId: c.parties[0].id, method: 'PHONE', result: 'CONFIRMED' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ADDRESS_VERIFICATION_DEFENDANT_ONLY');
    });

    it('refuses a stale version with 409 and a party of another case with 404', async () => {
      const c = await registerWithTwoDefendants(6);
      const other = await registerWithTwoDefendants(7);
      const stale = await verify(c.id, { partyId: c.parties[1].id, method: 'PHONE', result: 'CONFIRMED', version: 99 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const foreign = await verify(c.id, { partyId: other.parties[1].id, method: 'PHONE', result: 'CONFIRMED' });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('PARTY_NOT_FOUND');
    });

    it('refuses a case in a state past mediation with 409 ILLEGAL_TRANSITION', async () => {
      const c = await registerWithTwoDefendants(8);
      await stepTo(t, c.id, 'TRANSFERRED');
      const res = await verify(c.id, { partyId: c.parties[1].id, method: 'PHONE', result: 'CONFIRMED' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('is for the filing window only, and only in its own court', async () => {
      const c = await registerWithTwoDefendants(9);
      const body = { partyId: c.parties[1].id, method: 'PHONE', result: 'CONFIRMED' };
      expect((await verify(c.id, body, 'judge')).status).toBe(403);
      expect((await verify(c.id, body, 'b_clerk')).status).toBe(404);
    });
  });

  describe('reading personal data unmasked', () => {
    const reveal = async (caseId: string, partyId: string, user: string) =>
      t
        .http()
        .get(`/api/v1/cases/${caseId}/parties/${partyId}/personal-data`)
        .set(await auth(user));

    // Judges and the enforcement bureau only with a letter on the case: security-personal-data.e2e.spec.ts.
    it('shows the full numbers to the case’s staff and records who read which fields', async () => {
      const c = await registerWithTwoDefendants(20);
      const plaintiff = c.parties[0];
      for (const user of ['clerk', 'coordinator']) {
        const res = await reveal(c.id, plaintiff.id, user);
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.body).toEqual({
          caseId: c.id,
          partyId: plaintiff.id,
          name: '张三',
          idNumber: residentId(20),
          phone: mobile(20),
        });
      }
      const viewed = (await eventsOf(c.id)).filter((e) => e.action === 'PERSONAL_DATA_VIEWED');
      expect(viewed.map((e) => e.actorId)).toEqual([home.users.clerk.id, home.users.coordinator.id]);
      expect(viewed[0].after).toMatchObject({ partyId: plaintiff.id, fields: ['idNumber', 'phone'] });
    });

    it('names only the fields the party has (a company has no resident ID)', async () => {
      const c = await registerWithTwoDefendants(21);
      const res = await reveal(c.id, c.parties[1].id, 'clerk');
      expect(res.body.idNumber).toBeNull();
      const viewed = (await eventsOf(c.id)).find((e) => e.action === 'PERSONAL_DATA_VIEWED');
      expect(viewed?.after.fields).toEqual(['phone']);
    });

    it('shows a mediator only the parties of their own cases', async () => {
      const c = await registerWithTwoDefendants(22);
      const partyId = c.parties[0].id;
      expect((await reveal(c.id, partyId, 'mediator')).status).toBe(404);
      const { mediatorId } = await rosterEntryFor(t, home.users.mediator.id);
      await stepTo(t, c.id, 'ASSIGNED', { mediatorId });
      const res = await reveal(c.id, partyId, 'mediator');
      expect(res.status).toBe(200);
      expect(res.body.idNumber).toBe(residentId(22));
    });

    it('refuses other roles and other courts, and records nothing for them', async () => {
      const c = await registerWithTwoDefendants(23);
      expect((await reveal(c.id, c.parties[0].id, 'statistician')).status).toBe(403);
      expect((await reveal(c.id, c.parties[0].id, 'enforcer')).status).toBe(404);
      expect((await reveal(c.id, c.parties[0].id, 'judge')).status).toBe(403);
      expect((await reveal(c.id, c.parties[0].id, 'b_clerk')).status).toBe(404);
      expect((await reveal(c.id, '00000000-0000-4000-8000-000000000000', 'clerk')).status).toBe(404);
      expect((await eventsOf(c.id)).filter((e) => e.action === 'PERSONAL_DATA_VIEWED')).toEqual([]);
    });
  });
});
