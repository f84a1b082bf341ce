import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { createMediator, createOrganization, createUser } from '../support/assignment.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

describe('roster: mediation organizations and mediators (e2e)', () => {
  let t: TestApp;
  let home: SeededCourt;
  let orgId: string;

  beforeAll(async () => {
    t = await startTestApp();
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    orgId = (await createOrganization(t, 'coordinator', { name: '朝阳区人民调解委员会', region: '北京市朝阳区' })).id;
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t, { user: 'coordinator' });
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const actions = async (subjectId: string) =>
    (await t.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [subjectId])).map(
      (r: { action: string }) => r.action,
    );

  it('creates an organization and a mediator; lists mask phones, a single read shows them and is recorded', async () => {
    const mediator = await createMediator(t, 'admin', orgId, {
      name: '钱调解',
      type: 'INVITED',
      userId: home.users.mediator.id,
      specialties: ['民间借贷纠纷', '劳动争议'],
      regions: ['朝阳区', '望京街道'],
      capacity: 25,
      activeFrom: '2026-01-01',
      activeUntil: '2027-12-31',
      phone: '13912345678',
    });
    expect(mediator).toMatchObject({ capacity: 25, userId: home.users.mediator.id, version: 1, openCases: 0 });

    const list = await t
      .http()
      .get('/api/v1/mediators')
      .set(await auth('clerk'));
    expect(list.status).toBe(200);
    const listed = list.body.find((m: { id: string }) => m.id === mediator.id);
    expect(listed).toMatchObject({
      phone: '139****5678',
      organizationName: '朝阳区人民调解委员会',
      typeLabel: '特邀调解员',
    });

    const orgs = await t
      .http()
      .get('/api/v1/mediation-organizations')
      .set(await auth());
    expect(orgs.body.find((o: { id: string }) => o.id === orgId).contactPhone).toBe('010*****1234');

    const one = await t
      .http()
      .get(`/api/v1/mediators/${mediator.id}`)
      .set(await auth());
    expect(one.body.phone).toBe('13912345678');
    expect(await actions(mediator.id)).toEqual(['MEDIATOR_CREATED', 'PERSONAL_DATA_VIEWED']);
  });

  it('names every bad field of a mediator and writes nothing', async () => {
    const before = await count('mediators');
    const shape = await t
      .http()
      .post('/api/v1/mediators')
      .set(await auth())
      .send({
        name: '',
        type: 'VOLUNTEER',
        organizationId: 'not-a-uuid',
        specialties: '民间借贷纠纷',
        capacity: 0,
        activeFrom: '2026-02-30',
        phone: '12345',
      });
    expect(shape.status).toBe(400);
    expect(shape.body.code).toBe('VALIDATION_FAILED');
    const fields = new Set(shape.body.details.map((d: { field: string }) => d.field));
    expect([...fields].sort()).toEqual(
      ['activeFrom', 'capacity', 'name', 'organizationId', 'phone', 'specialties', 'type'].sort(),
    );

    const rules = await t
      .http()
      .post('/api/v1/mediators')
      .set(await auth())
      .send({
        name: '孙调解',
        type: 'PART_TIME',
        organizationId: orgId,
        specialties: ['劳动争议', '不存在的案由'],
        regions: ['朝阳区', '朝阳区'],
        capacity: 201,
      });
    expect(rules.status).toBe(400);
    expect(rules.body.details.map((d: { field: string }) => d.field)).toEqual(['capacity']);

    const domain = await t
      .http()
      .post('/api/v1/mediators')
      .set(await auth())
      .send({
        name: '孙调解',
        type: 'PART_TIME',
        organizationId: orgId,
        specialties: ['劳动争议', '不存在的案由'],
        regions: ['朝阳区', '朝阳区'],
        capacity: 5,
        activeFrom: '2026-06-01',
        activeUntil: '2026-05-31',
      });
    expect(domain.status).toBe(400);
    expect(domain.body.details.map((d: { field: string }) => d.field)).toEqual([
      'specialties[1]',
      'regions[1]',
      'activeUntil',
    ]);
    expect(domain.body.details[0].message).toMatch(/不在本院案由列表/);
    expect(await count('mediators')).toBe(before);
  });

  it('names the bad fields of an organization, and refuses a registration number twice in one court only', async () => {
    const bad = await t
      .http()
      .post('/api/v1/mediation-organizations')
      .set(await auth())
      .send({ kind: 'CLUB', registrationNumber: '', region: '朝阳区', contactPhone: 'call me' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(
      ['contactPhone', 'kind', 'name', 'registrationNumber'].sort(),
    );

    await createOrganization(t, 'coordinator', { registrationNumber: '京朝人调备〔2026〕009号' });
    const again = await t
      .http()
      .post('/api/v1/mediation-organizations')
      .set(await auth())
      .send({ name: '另一个', kind: 'INDUSTRY', registrationNumber: '京朝人调备〔2026〕009号', region: '朝阳区' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REGISTRATION_NUMBER_TAKEN');
    await expect(
      createOrganization(t, 'b_coordinator', { registrationNumber: '京朝人调备〔2026〕009号' }),
    ).resolves.toMatchObject({ version: 1 });
  });

  it('links only an unlinked MEDIATOR account of the same court', async () => {
    const otherCourtMediator = (await t.dataSource.query(`SELECT id FROM users WHERE username = 'b_mediator'`))[0].id;
    const link = async (userId: string) =>
      t
        .http()
        .post('/api/v1/mediators')
        .set(await auth())
        .send({ name: '周调解', type: 'FULL_TIME', organizationId: orgId, specialties: [], capacity: 5, userId });
    const foreign = await link(otherCourtMediator);
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0]).toMatchObject({ field: 'userId', code: 'USER_NOT_FOUND' });
    const clerk = await link(home.users.clerk.id);
    expect(clerk.body.details[0]).toMatchObject({ field: 'userId', code: 'USER_NOT_MEDIATOR' });

    const fresh = await createUser(t, 'admin', 'mediator_link', ['MEDIATOR']);
    expect((await link(fresh)).status).toBe(201);
    const twice = await link(fresh);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('MEDIATOR_USER_TAKEN');
  });

  it('updates with the version, refuses a stale one, deactivates without deleting, and records each change', async () => {
    const mediator = await createMediator(t, 'coordinator', orgId, { name: '吴调解' });
    const patch = async (body: Record<string, unknown>) =>
      t
        .http()
        .patch(`/api/v1/mediators/${mediator.id}`)
        .set(await auth())
        .send(body);

    const updated = await patch({ version: 1, capacity: 12, regions: ['海淀区'] });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ capacity: 12, regions: ['海淀区'], version: 2 });

    const stale = await patch({ version: 1, capacity: 13 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');

    const nullName = await patch({ version: 2, name: null });
    expect(nullName.status).toBe(400);
    expect(nullName.body.details[0].field).toBe('name');

    const deactivated = await patch({ version: 2, active: false });
    expect(deactivated.body).toMatchObject({ active: false, version: 3 });
    const inactive = await t
      .http()
      .get('/api/v1/mediators?active=false')
      .set(await auth());
    expect(inactive.body.map((m: { id: string }) => m.id)).toContain(mediator.id);
    const active = await t
      .http()
      .get('/api/v1/mediators?active=true')
      .set(await auth());
    expect(active.body.map((m: { id: string }) => m.id)).not.toContain(mediator.id);

    expect(await actions(mediator.id)).toEqual(['MEDIATOR_CREATED', 'MEDIATOR_UPDATED', 'MEDIATOR_DEACTIVATED']);
    const [event] = await t.dataSource.query(
      `SELECT subject_type, before, after FROM audit_events WHERE subject_id = $1 AND action = 'MEDIATOR_UPDATED'`,
      [mediator.id],
    );
    expect(event).toEqual({
      subject_type: 'MEDIATOR',
      before: { capacity: 10, regions: ['朝阳区'] },
      after: { capacity: 12, regions: ['海淀区'] },
    });
  });

  it('updates an organization with its history, and refuses a stale version', async () => {
    const org = await createOrganization(t, 'coordinator', { kind: 'INDUSTRY' });
    const ok = await t
      .http()
      .patch(`/api/v1/mediation-organizations/${org.id}`)
      .set(await auth('admin'))
      .send({ version: 1, region: '望京街道', active: false });
    expect(ok.body).toMatchObject({ region: '望京街道', active: false, version: 2 });
    const stale = await t
      .http()
      .patch(`/api/v1/mediation-organizations/${org.id}`)
      .set(await auth())
      .send({ version: 1, region: '朝阳区' });
    expect(stale.body.code).toBe('STALE_VERSION');
    expect(await actions(org.id)).toEqual(['ORGANIZATION_CREATED', 'ORGANIZATION_DEACTIVATED']);
    const [subject] = await t.dataSource.query(`SELECT DISTINCT subject_type FROM audit_events WHERE subject_id = $1`, [
      org.id,
    ]);
    expect(subject.subject_type).toBe('MEDIATION_ORGANIZATION');
    // A deactivated organization takes no new mediators.
    const refused = await t
      .http()
      .post('/api/v1/mediators')
      .set(await auth())
      .send({ name: '郑调解', type: 'FULL_TIME', organizationId: org.id, specialties: [], capacity: 5 });
    expect(refused.body.details[0]).toMatchObject({ field: 'organizationId', code: 'ORGANIZATION_INACTIVE' });
  });

  it('searches by specialty, region, organization and active flag', async () => {
    const org = await createOrganization(t, 'coordinator', { name: '劳动争议调解中心', kind: 'INDUSTRY' });
    const labour = await createMediator(t, 'coordinator', org.id, {
      name: '劳调解',
      specialties: ['劳动争议'],
      regions: ['丰台区卢沟桥街道'],
    });
    const get = async (query: string) =>
      (
        await t
          .http()
          .get(`/api/v1/mediators?${query}`)
          .set(await auth())
      ).body.map((m: { id: string }) => m.id);
    expect(await get(`specialty=${encodeURIComponent('劳动争议')}&organizationId=${org.id}`)).toEqual([labour.id]);
    expect(await get(`region=${encodeURIComponent('卢沟桥')}`)).toEqual([labour.id]);
    expect(await get(`organizationId=${org.id}&active=true`)).toEqual([labour.id]);
    expect(await get(`specialty=${encodeURIComponent('离婚纠纷')}&organizationId=${org.id}`)).toEqual([]);
    const bad = await t
      .http()
      .get('/api/v1/mediators?active=maybe&organizationId=x')
      .set(await auth());
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['active', 'organizationId']);
  });

  it("answers another court's roster ids with 404", async () => {
    const theirOrg = await createOrganization(t, 'b_coordinator');
    const theirs = await createMediator(t, 'b_coordinator', theirOrg.id);
    for (const path of [`/api/v1/mediators/${theirs.id}`, `/api/v1/mediation-organizations/${theirOrg.id}`]) {
      const read = await t
        .http()
        .get(path)
        .set(await auth());
      expect(read.status).toBe(404);
      const write = await t
        .http()
        .patch(path)
        .set(await auth())
        .send({ version: 1, active: false });
      expect(write.status).toBe(404);
    }
    const list = await t
      .http()
      .get('/api/v1/mediators')
      .set(await auth());
    expect(list.body.map((m: { id: string }) => m.id)).not.toContain(theirs.id);
    const moved = await t
      .http()
      .post('/api/v1/mediators')
      .set(await auth())
      .send({ name: '跨院', type: 'FULL_TIME', organizationId: theirOrg.id, specialties: [], capacity: 5 });
    expect(moved.body.details[0]).toMatchObject({ field: 'organizationId', code: 'ORGANIZATION_NOT_FOUND' });
  });

  it('lets clerks read but not write, and keeps mediators and judges out', async () => {
    const write = await t
      .http()
      .post('/api/v1/mediation-organizations')
      .set(await auth('clerk'))
      .send({ name: '某', kind: 'INDUSTRY', registrationNumber: 'X1', region: '朝阳区' });
    expect(write.status).toBe(403);
    for (const username of ['mediator', 'judge']) {
      const read = await t
        .http()
        .get('/api/v1/mediators')
        .set(await auth(username));
      expect(read.status).toBe(403);
    }
  });
});
