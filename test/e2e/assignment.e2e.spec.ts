import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import {
  caseWithMediator,
  createMediator,
  createOrganization,
  createUser,
  referredCase,
  registerCase,
  type CreatedMediator,
} from '../support/assignment.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';
import { ASSIGNED_HISTORY } from '../support/mediation.js';

const NOW = new Date('2026-11-23T02:00:00Z');
const DAY = 86_400_000;
/** Appointed before the past cases the suggestions tests give them (100 days before NOW). */
const PAST_FROM = '2026-01-01';
const LOAN = '民间借贷纠纷';
const LABOUR = '劳动争议';

describe('assignment: suggestions, assignment, recusal (e2e)', () => {
  let t: TestApp;
  let home: SeededCourt;
  let clock: ManualClock;
  let orgId: string;
  let n = 100;
  const next = () => (n += 1);

  beforeAll(async () => {
    clock = new ManualClock(NOW);
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'b_');
    orgId = (await createOrganization(t, 'coordinator', { name: '朝阳区人民调解委员会' })).id;
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t, { user: 'coordinator' });
  const mediator = (overrides: Record<string, unknown>) => createMediator(t, 'coordinator', orgId, overrides);
  const referred = (caseType = LOAN) => referredCase(t, 'clerk', { n: next(), caseType });
  const version = async (caseId: string) =>
    Number((await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [caseId]))[0].version);
  const suggest = async (caseId: string, username = 'coordinator') =>
    t
      .http()
      .get(`/api/v1/cases/${caseId}/mediator-suggestions`)
      .set(await auth(username));
  const assign = async (caseId: string, body: Record<string, unknown>, username = 'coordinator') =>
    t
      .http()
      .post(`/api/v1/cases/${caseId}/assignment`)
      .set(await auth(username))
      .send({ reason: '按推荐分派', ...body });
  const recuse = async (caseId: string, body: Record<string, unknown>, username = 'coordinator') =>
    t
      .http()
      .post(`/api/v1/cases/${caseId}/recusal`)
      .set(await auth(username))
      .send({ reason: '与当事人有利害关系', ...body });
  const openAssignments = async (caseId: string) =>
    Number(
      (
        await t.dataSource.query(`SELECT count(*) AS n FROM assignments WHERE case_id = $1 AND ended_at IS NULL`, [
          caseId,
        ])
      )[0].n,
    );
  const give = (m: CreatedMediator, state: Parameters<typeof caseWithMediator>[3]) =>
    caseWithMediator(t, 'clerk', m, state, { n: next() });
  const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

  describe('suggestions', () => {
    let target: string;
    let specialist: CreatedMediator;
    let local: CreatedMediator;
    let idle: CreatedMediator;
    let busyStar: CreatedMediator;
    const excluded: Record<string, CreatedMediator> = {};

    beforeAll(async () => {
      // The case: a loan dispute; the builder's parties live in 北京市朝阳区.
      target = await referred();
      // specialty only, half loaded, never settled
      specialist = await mediator({
        name: '甲专长',
        activeFrom: PAST_FROM,
        specialties: [LOAN],
        regions: ['丰台区'],
        capacity: 4,
      });
      await give(specialist, { status: 'ASSIGNED' });
      await give(specialist, { status: 'IN_MEDIATION' });
      await give(specialist, { outcome: 'FAILED', concludedAt: daysAgo(10) });
      // region only, free, always settled (a failure 100 days ago is outside the window)
      local = await mediator({
        name: '乙本地',
        activeFrom: PAST_FROM,
        specialties: [LABOUR],
        regions: ['朝阳区'],
        capacity: 4,
      });
      await give(local, { outcome: 'SETTLED', concludedAt: daysAgo(5) });
      await give(local, { outcome: 'SETTLED', concludedAt: daysAgo(80) });
      await give(local, { outcome: 'FAILED', concludedAt: daysAgo(100) });
      // neither: free but never settled, versus busy but always settled
      idle = await mediator({
        name: '丙空闲',
        activeFrom: PAST_FROM,
        specialties: [LABOUR],
        regions: ['海淀区'],
        capacity: 4,
      });
      await give(idle, { outcome: 'FAILED', concludedAt: daysAgo(3) });
      busyStar = await mediator({
        name: '丁繁忙',
        activeFrom: PAST_FROM,
        specialties: [LABOUR],
        regions: ['海淀区'],
        capacity: 4,
      });
      for (let i = 0; i < 3; i++) await give(busyStar, { status: 'ASSIGNED' });
      await give(busyStar, { outcome: 'SETTLED', concludedAt: daysAgo(1) });

      // Perfect matches that must not appear: full, recused, deactivated, out of period.
      const best = { specialties: [LOAN], regions: ['朝阳区'] };
      excluded.full = await mediator({ name: '戊已满', ...best, capacity: 1 });
      await give(excluded.full, { status: 'ASSIGNED' });
      excluded.recused = await mediator({ name: '己回避', ...best });
      excluded.inactive = await mediator({ name: '庚停用', ...best });
      await t
        .http()
        .patch(`/api/v1/mediators/${excluded.inactive.id}`)
        .set(await auth())
        .send({ version: 1, active: false });
      excluded.expired = await mediator({
        name: '辛届满',
        ...best,
        activeFrom: '2025-01-01',
        activeUntil: '2026-11-22',
      });
      excluded.future = await mediator({ name: '壬未到', ...best, activeFrom: '2026-11-24' });
      const r = await recuse(target, { mediatorId: excluded.recused.id });
      expect(r.status).toBe(201);
    });

    it('ranks specialty over region over load over success, with the parts and reasons', async () => {
      const res = await suggest(target);
      expect(res.status).toBe(200);
      expect(res.body.map((s: { mediator: { name: string } }) => s.mediator.name)).toEqual([
        '甲专长',
        '乙本地',
        '丙空闲',
        '丁繁忙',
      ]);
      const [s, r, l, b] = res.body;
      expect(s.parts).toEqual({ specialty: 1, region: 0, load: 0.5, success: 0 });
      expect(r.parts).toEqual({ specialty: 0, region: 1, load: 1, success: 1 });
      expect(l.parts).toEqual({ specialty: 0, region: 0, load: 1, success: 0 });
      expect(b.parts).toEqual({ specialty: 0, region: 0, load: 0.25, success: 1 });
      expect(s.score).toBe(8 + 2 * 0.5);
      expect(r.reasons).toEqual([
        `专长中没有本案案由“${LOAN}”`,
        '服务区域“朝阳区”与当事人地址相符',
        '在办案件 0 件，可承办 4 件，尚可接收 4 件',
        '近 90 日结案 2 件，调解成功 2 件（成功率 100%）',
      ]);
      expect(s.mediator).toMatchObject({ id: specialist.id, phone: '139****5678', openCases: 2 });
    });

    it('leaves out mediators at capacity, recused, deactivated or outside their period', async () => {
      const ids = (await suggest(target)).body.map((s: { mediator: { id: string } }) => s.mediator.id);
      for (const m of Object.values(excluded)) expect(ids).not.toContain(m.id);
      expect(ids).toEqual([specialist.id, local.id, idle.id, busyStar.id]);
    });

    it('is open to clerks, refuses mediators, and refuses a case that cannot be assigned', async () => {
      expect((await suggest(target, 'clerk')).status).toBe(200);
      expect((await suggest(target, 'mediator')).status).toBe(403);
      const registered = await registerCase(t, 'clerk', { n: next() });
      const res = await suggest(registered);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ILLEGAL_TRANSITION');
    });
  });

  describe('assignment and reassignment', () => {
    let first: CreatedMediator;
    let second: CreatedMediator;

    beforeAll(async () => {
      first = await mediator({ name: '张调解', userId: home.users.mediator.id });
      second = await mediator({ name: '李调解' });
    });

    it('assigns a referred case, then reassigns it keeping the first assignment in the history', async () => {
      const caseId = await referred();
      const assigned = await assign(caseId, {
        mediatorId: first.id,
        chosenByParties: true,
        version: await version(caseId),
      });
      expect(assigned.status).toBe(201);
      expect(assigned.body.case).toMatchObject({
        status: 'ASSIGNED',
        mediatorId: first.id,
        organizationId: orgId,
        assignedAt: NOW.toISOString(),
      });
      expect(assigned.body.assignment).toMatchObject({ chosenByParties: true, capacityOverride: false });
      const [row] = await t.dataSource.query(`SELECT mediator_user_id FROM cases WHERE id = $1`, [caseId]);
      expect(row.mediator_user_id).toBe(home.users.mediator.id);

      clock.advanceDays(1);
      const reassigned = await assign(caseId, { mediatorId: second.id, reason: '原调解员出差' });
      expect(reassigned.status).toBe(201);
      expect(reassigned.body.case).toMatchObject({ status: 'ASSIGNED', mediatorId: second.id });
      clock.set(NOW);

      const history = await t
        .http()
        .get(`/api/v1/cases/${caseId}/assignments`)
        .set(await auth('clerk'));
      expect(history.status).toBe(200);
      expect(history.body.assignments).toMatchObject([
        {
          mediator: { id: first.id, name: '张调解' },
          current: false,
          chosenByParties: true,
          endKind: 'REASSIGNED',
          endReason: '原调解员出差',
          assignedBy: { name: '李协调' },
        },
        { mediator: { id: second.id }, current: true, endKind: null, reason: '原调解员出差' },
      ]);
      expect(await openAssignments(caseId)).toBe(1);

      const events = await t
        .http()
        .get(`/api/v1/cases/${caseId}/events`)
        .set(await auth());
      expect(events.body.map((e: { action: string }) => e.action)).toEqual([
        ...ASSIGNED_HISTORY,
        'MEDIATOR_REASSIGNED',
      ]);
      expect(events.body[6].after).toMatchObject({ status: 'ASSIGNED', previousMediatorId: first.id });

      // The first mediator's account no longer reaches the case.
      const gone = await t
        .http()
        .get(`/api/v1/cases/${caseId}`)
        .set(await auth('mediator'));
      expect(gone.status).toBe(404);
    });

    it('refuses the same mediator again, a stale version, a case not yet referred, and the wrong role', async () => {
      const caseId = await referred();
      expect((await assign(caseId, { mediatorId: first.id })).status).toBe(201);
      const same = await assign(caseId, { mediatorId: first.id });
      expect(same.status).toBe(409);
      expect(same.body.code).toBe('MEDIATOR_ALREADY_ASSIGNED');
      const stale = await assign(caseId, { mediatorId: second.id, version: 1 });
      expect(stale.body.code).toBe('STALE_VERSION');
      const registered = await registerCase(t, 'clerk', { n: next() });
      const early = await assign(registered, { mediatorId: first.id });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ILLEGAL_TRANSITION');
      expect((await assign(caseId, { mediatorId: second.id }, 'clerk')).status).toBe(403);
      const noReason = await assign(caseId, { mediatorId: 'x', reason: '' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['mediatorId', 'reason']);
    });

    it('refuses a deactivated mediator or one outside the appointment period', async () => {
      const caseId = await referred();
      const leaving = await mediator({ name: '退休调解员', activeUntil: '2026-11-22', activeFrom: '2026-01-01' });
      const expired = await assign(caseId, { mediatorId: leaving.id });
      expect(expired.status).toBe(409);
      expect(expired.body.code).toBe('MEDIATOR_UNAVAILABLE');
      expect(expired.body.message).toContain('届满');

      const paused = await mediator({ name: '停用调解员' });
      await t
        .http()
        .patch(`/api/v1/mediators/${paused.id}`)
        .set(await auth())
        .send({ version: 1, active: false });
      const stopped = await assign(caseId, { mediatorId: paused.id });
      expect(stopped.body).toMatchObject({ code: 'MEDIATOR_UNAVAILABLE', message: expect.stringContaining('已停用') });
      expect(await openAssignments(caseId)).toBe(0);
    });

    it('enforces capacity unless overridden, and records the override', async () => {
      const small = await mediator({ name: '容量一', capacity: 1 });
      const a = await referred();
      const b = await referred();
      expect((await assign(a, { mediatorId: small.id })).status).toBe(201);
      const full = await assign(b, { mediatorId: small.id });
      expect(full.status).toBe(409);
      expect(full.body).toMatchObject({ code: 'MEDIATOR_AT_CAPACITY', details: { openCases: 1, capacity: 1 } });
      expect(await openAssignments(b)).toBe(0);

      const over = await assign(b, { mediatorId: small.id, overrideCapacity: true, reason: '当事人指定该调解员' });
      expect(over.status).toBe(201);
      expect(over.body.assignment).toMatchObject({ capacityOverride: true, reason: '当事人指定该调解员' });
    });
  });

  describe('recusal', () => {
    let own: CreatedMediator;
    let other: CreatedMediator;

    beforeAll(async () => {
      const userId = await createUser(t, 'admin', 'mediator_r', ['MEDIATOR']);
      own = await mediator({ name: '回避调解员', userId, regions: ['朝阳区'] });
      other = await mediator({ name: '接替调解员' });
    });

    it('lets the assigned mediator recuse from their own case; the case returns to REFERRED and they stay excluded', async () => {
      const caseId = await referred();
      expect((await assign(caseId, { mediatorId: own.id })).status).toBe(201);
      expect(
        (
          await t
            .http()
            .get(`/api/v1/cases/${caseId}`)
            .set(await auth('mediator_r'))
        ).status,
      ).toBe(200);

      const res = await recuse(caseId, { reason: '本人与申请人系同学关系' }, 'mediator_r');
      expect(res.status).toBe(201);
      expect(res.body.case).toMatchObject({
        status: 'REFERRED',
        mediatorId: null,
        organizationId: null,
        assignedAt: null,
      });
      const [row] = await t.dataSource.query(`SELECT mediator_user_id FROM cases WHERE id = $1`, [caseId]);
      expect(row.mediator_user_id).toBeNull();
      expect(await openAssignments(caseId)).toBe(0);

      const ids = (await suggest(caseId)).body.map((s: { mediator: { id: string } }) => s.mediator.id);
      expect(ids).not.toContain(own.id);
      expect(ids).toContain(other.id);
      const again = await assign(caseId, { mediatorId: own.id });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('MEDIATOR_RECUSED');

      const history = await t
        .http()
        .get(`/api/v1/cases/${caseId}/assignments`)
        .set(await auth());
      expect(history.body.assignments).toMatchObject([
        { mediator: { id: own.id }, endKind: 'RECUSED', endReason: '本人与申请人系同学关系', current: false },
      ]);
      expect(history.body.recusals).toMatchObject([
        { mediator: { id: own.id }, reason: '本人与申请人系同学关系', recusedBy: { name: 'mediator_r' } },
      ]);
      expect((await assign(caseId, { mediatorId: other.id })).status).toBe(201);
    });

    it("refuses a mediator acting on someone else's case (404) or naming another mediator (403)", async () => {
      const caseId = await referred();
      await assign(caseId, { mediatorId: other.id });
      expect((await recuse(caseId, {}, 'mediator_r')).status).toBe(404);

      const mine = await referred();
      await assign(mine, { mediatorId: own.id });
      const naming = await recuse(mine, { mediatorId: other.id }, 'mediator_r');
      expect(naming.status).toBe(403);
    });

    it('lets a coordinator record a recusal in advance: the case stays REFERRED and the mediator is excluded', async () => {
      const caseId = await referred();
      const res = await recuse(caseId, { mediatorId: other.id, reason: '被申请人系其亲属' });
      expect(res.status).toBe(201);
      expect(res.body.case.status).toBe('REFERRED');
      expect((await assign(caseId, { mediatorId: other.id })).body.code).toBe('MEDIATOR_RECUSED');
      const twice = await recuse(caseId, { mediatorId: other.id });
      expect(twice.body.code).toBe('MEDIATOR_ALREADY_RECUSED');
      const none = await recuse(caseId, {});
      expect(none.status).toBe(400);
      expect(none.body.details[0].field).toBe('mediatorId');
    });
  });

  describe('mediators see only their own cases', () => {
    it("mediator A cannot read mediator B's case (404), nor its assignment history", async () => {
      const userB = await createUser(t, 'admin', 'mediator_b', ['MEDIATOR']);
      const mediatorA = await createUser(t, 'admin', 'mediator_a', ['MEDIATOR']);
      const rosterA = await mediator({ name: 'A调解员', userId: mediatorA });
      const rosterB = await mediator({ name: 'B调解员', userId: userB });
      const caseA = await referred();
      const caseB = await referred();
      await assign(caseA, { mediatorId: rosterA.id });
      await assign(caseB, { mediatorId: rosterB.id });

      const read = async (caseId: string, username: string, suffix = '') =>
        (
          await t
            .http()
            .get(`/api/v1/cases/${caseId}${suffix}`)
            .set(await auth(username))
        ).status;
      expect(await read(caseA, 'mediator_a')).toBe(200);
      expect(await read(caseB, 'mediator_a')).toBe(404);
      expect(await read(caseB, 'mediator_a', '/assignments')).toBe(404);
      expect(await read(caseB, 'mediator_b')).toBe(200);
      expect(await read(caseA, 'mediator_b')).toBe(404);
    });
  });

  describe('linking an account later', () => {
    it('hands the open cases of a roster entry to the account linked to it', async () => {
      const unlinked = await mediator({ name: '后补账号调解员' });
      const caseId = await referred();
      await assign(caseId, { mediatorId: unlinked.id });
      const userId = await createUser(t, 'admin', 'mediator_late', ['MEDIATOR']);
      const read = async () =>
        (
          await t
            .http()
            .get(`/api/v1/cases/${caseId}`)
            .set(await auth('mediator_late'))
        ).status;
      expect(await read()).toBe(404);
      const linked = await t
        .http()
        .patch(`/api/v1/mediators/${unlinked.id}`)
        .set(await auth())
        .send({ version: unlinked.version, userId });
      expect(linked.status).toBe(200);
      expect(await read()).toBe(200);
      const [event] = await t.dataSource.query(
        `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'MEDIATOR_ACCOUNT_CHANGED'`,
        [caseId],
      );
      expect(event.after).toMatchObject({ mediatorId: unlinked.id, previousUserId: null, userId });
    });
  });

  describe('concurrency', () => {
    it('two coordinators assigning the same referred case at once: one wins, the other gets 409, one open assignment', async () => {
      await createUser(t, 'admin', 'coordinator2', ['COORDINATOR']);
      const m1 = await mediator({ name: '并发一', capacity: 50 });
      const m2 = await mediator({ name: '并发二', capacity: 50 });
      const cases = await Promise.all(Array.from({ length: 6 }, () => referred()));
      for (const caseId of cases) {
        const seen = await version(caseId);
        const [x, y] = await Promise.all([
          assign(caseId, { mediatorId: m1.id, version: seen }, 'coordinator'),
          assign(caseId, { mediatorId: m2.id, version: seen }, 'coordinator2'),
        ]);
        const statuses = [x.status, y.status].sort();
        expect(statuses).toEqual([201, 409]);
        const loser = x.status === 409 ? x : y;
        expect(['STALE_VERSION', 'ILLEGAL_TRANSITION']).toContain(loser.body.code);
        expect(await openAssignments(caseId)).toBe(1);
        const [{ n: total }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM assignments WHERE case_id = $1`,
          [caseId],
        );
        expect(total).toBe(1);
      }
    });

    it('takes the last place of a mediator only once when two cases race for it', async () => {
      const last = await mediator({ name: '最后一席', capacity: 1 });
      const [a, b] = await Promise.all([referred(), referred()]);
      const results = await Promise.all([
        assign(a, { mediatorId: last.id }, 'coordinator'),
        assign(b, { mediatorId: last.id }, 'coordinator2'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('MEDIATOR_AT_CAPACITY');
    });
  });

  describe('bulk assignment', () => {
    const FIN = '金融借款合同纠纷';

    it('shares the referred cases of a type among the organization mediators by load, within capacity', async () => {
      const bank = await createOrganization(t, 'coordinator', { name: '金融纠纷调解中心', kind: 'INDUSTRY' });
      const small = await createMediator(t, 'coordinator', bank.id, {
        name: '金融甲',
        specialties: [FIN],
        capacity: 2,
      });
      const large = await createMediator(t, 'coordinator', bank.id, {
        name: '金融乙',
        specialties: [FIN],
        capacity: 4,
      });
      await createMediator(t, 'coordinator', bank.id, { name: '非专长', specialties: [LABOUR], capacity: 50 });
      await give(large, { status: 'ASSIGNED' }); // large starts at 1 of 4
      const cases = [];
      for (let i = 0; i < 6; i++) cases.push(await referred(FIN));
      const otherType = await referred(LOAN);

      const res = await t
        .http()
        .post('/api/v1/assignments/bulk')
        .set(await auth())
        .send({ organizationId: bank.id, caseType: FIN, reason: '银行批量案件集中委派' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ assigned: 5, skipped: 1 });
      const byMediator = (id: string) => res.body.results.filter((r: { mediatorId?: string }) => r.mediatorId === id);
      expect(byMediator(small.id)).toHaveLength(2);
      expect(byMediator(large.id)).toHaveLength(3);
      expect(res.body.results[5]).toMatchObject({ result: 'SKIPPED', code: 'ALL_AT_CAPACITY' });
      expect(res.body.results.map((r: { caseId: string }) => r.caseId)).not.toContain(otherType);

      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM assignments WHERE case_id = ANY($1) AND bulk AND ended_at IS NULL`,
        [cases],
      );
      expect(n).toBe(5);

      const assignedOne = res.body.results.find((r: { result: string }) => r.result === 'ASSIGNED').caseId;
      const named = await t
        .http()
        .post('/api/v1/assignments/bulk')
        .set(await auth())
        .send({
          organizationId: bank.id,
          caseType: FIN,
          caseIds: [otherType, assignedOne, '00000000-0000-4000-8000-000000000000'],
          reason: '补充委派',
        });
      expect(named.body.results.map((r: { code?: string }) => r.code)).toEqual([
        'CASE_TYPE_MISMATCH',
        'NOT_REFERRED',
        'CASE_NOT_FOUND',
      ]);
    });

    it('validates the request and keeps to the court', async () => {
      const bad = await t
        .http()
        .post('/api/v1/assignments/bulk')
        .set(await auth())
        .send({ organizationId: orgId, caseType: '不存在', reason: '批量' });
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('caseType');
      const foreign = await t
        .http()
        .post('/api/v1/assignments/bulk')
        .set(await auth('b_coordinator'))
        .send({ organizationId: orgId, caseType: LOAN, reason: '批量' });
      expect(foreign.status).toBe(404);
      expect(foreign.body.code).toBe('ORGANIZATION_NOT_FOUND');
    });
  });

  describe('court scoping', () => {
    it("answers another court's cases and mediators with 404", async () => {
      const ours = await referred();
      const ourMediator = await mediator({ name: '本院调解员' });
      expect((await suggest(ours, 'b_coordinator')).status).toBe(404);
      expect((await assign(ours, { mediatorId: ourMediator.id }, 'b_coordinator')).status).toBe(404);
      expect((await recuse(ours, { mediatorId: ourMediator.id }, 'b_coordinator')).status).toBe(404);

      const theirs = await referredCase(t, 'b_clerk', { n: next() });
      const res = await assign(theirs, { mediatorId: ourMediator.id }, 'b_coordinator');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('MEDIATOR_NOT_FOUND');
      expect(await openAssignments(theirs)).toBe(0);
    });
  });
});
