// CaseOps.run against the real database: a step refused by the table's who, by the version, by the
// transition or by its own work writes nothing (no history row, no version change, no row of the work);
// a step taken saves the case once and writes its history event in the same transaction.
import { jest } from '@jest/globals';
import { toActor } from '../../src/auth/session-tokens.service.js';
import { CaseOps, type StepWork } from '../../src/cases/case-ops.js';
import type { Actor } from '../../src/common/actor.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { MediationSession } from '../../src/mediation/mediation-session.entity.js';
import { ReferralNoticeService } from '../../src/referral/referral-notice.service.js';
import { registerCase } from '../support/assignment.js';
import { aCaseInMediation, caseActions, caseRow } from '../support/mediation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('CaseOps.run', () => {
  let t: TestApp;
  let court: SeededCourt;
  let ops: CaseOps;
  let mediator: Actor;
  let coordinator: Actor;
  let clerk: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    ops = t.app.get(CaseOps);
    mediator = toActor(court.users.mediator);
    coordinator = toActor(court.users.coordinator);
    clerk = toActor(court.users.clerk);
  });
  afterAll(() => t.close());

  const sessionsOf = (caseId: string) => t.dataSource.getRepository(MediationSession).countBy({ caseId });

  /** Work that writes a session row, as the real step does, so a rollback has something to undo. */
  const writeSession: StepWork<string> = async (m, c) => {
    await m.save(
      m.create(MediationSession, {
        caseId: c.id,
        courtId: c.courtId,
        heldOn: '2026-09-02',
        mode: 'PHONE',
        participants: ['申请人张三'],
        notes: '电话联系双方',
        recordedBy: mediator.userId,
        recordedAt: new Date(),
      }),
    );
    return { details: { probe: true }, result: (saved) => `${saved.status}@${saved.version}` };
  };

  async function expectNothingWritten(caseId: string, attempt: Promise<unknown>, code: string) {
    const before = { row: await caseRow(t, caseId), actions: await caseActions(t, caseId) };
    await expect(attempt).rejects.toMatchObject({ code });
    expect(await caseRow(t, caseId)).toEqual(before.row);
    expect(await caseActions(t, caseId)).toEqual(before.actions);
    expect(await sessionsOf(caseId)).toBe(0);
  }

  it('takes the step: transition, work, one save and the history event, all together', async () => {
    const id = await aCaseInMediation(t, { mediatorUserId: mediator.userId, n: 1 });
    const { version } = await caseRow(t, id);
    const result = await ops.run(mediator, id, 'recordSession', { version }, writeSession);
    expect(result).toBe(`IN_MEDIATION@${version + 1}`);
    expect(await caseRow(t, id)).toMatchObject({ status: 'IN_MEDIATION', version: version + 1 });
    const [event] = await t.dataSource.query(
      `SELECT action, before, after FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect(event).toEqual({
      action: 'MEDIATION_SESSION_RECORDED',
      before: { status: 'ASSIGNED' },
      after: { status: 'IN_MEDIATION', probe: true },
    });
  });

  it('writes nothing when the table does not let the actor take the step', async () => {
    const id = await aCaseInMediation(t, { mediatorUserId: mediator.userId, n: 2 });
    const work = jest.fn(writeSession);
    await expectNothingWritten(id, ops.run(clerk, id, 'recordSession', {}, work), 'NOT_ASSIGNED_MEDIATOR');
    expect(work).not.toHaveBeenCalled();
  });

  it('writes nothing when the version is stale', async () => {
    const id = await aCaseInMediation(t, { mediatorUserId: mediator.userId, n: 3 });
    const { version } = await caseRow(t, id);
    const work = jest.fn(writeSession);
    await expectNothingWritten(
      id,
      ops.run(mediator, id, 'recordSession', { version: version - 1 }, work),
      'STALE_VERSION',
    );
    expect(work).not.toHaveBeenCalled();
  });

  it('writes nothing when the status does not allow the step', async () => {
    // REFERRED: no mediator yet, so the coordinator (who may record the mediator's work) is the one who sees it.
    const id = await aCaseInMediation(t, { mediatorUserId: mediator.userId, n: 4, status: 'REFERRED' });
    const work = jest.fn(writeSession);
    await expectNothingWritten(id, ops.run(coordinator, id, 'recordSession', {}, work), 'ILLEGAL_TRANSITION');
    expect(work).not.toHaveBeenCalled();
  });

  it('rolls back what the work wrote when the work refuses', async () => {
    const id = await aCaseInMediation(t, { mediatorUserId: mediator.userId, n: 5 });
    const refusing: StepWork<string> = async (m, c, taken) => {
      await writeSession(m, c, taken);
      throw Object.assign(new Error('refused'), { code: 'REFUSED_BY_WORK' });
    };
    await expectNothingWritten(id, ops.run(mediator, id, 'recordSession', {}, refusing), 'REFUSED_BY_WORK');
  });

  it('rolls back the first step when a following step is refused', async () => {
    const id = await aCaseInMediation(t, { mediatorUserId: mediator.userId, n: 6 });
    const withNext: StepWork<string> = async (m, c, taken) => ({
      ...(await writeSession(m, c, taken)),
      // The coordinator's step, which the mediator may not take.
      next: { step: 'excludeMediator', work: async () => ({}) },
    });
    await expectNothingWritten(id, ops.run(mediator, id, 'recordSession', {}, withNext), 'FORBIDDEN');
  });

  it('answers 404 for a case the actor may not see, before anything else', async () => {
    const other = await aCaseInMediation(t, { mediatorUserId: court.users.coordinator.id, n: 7 });
    await expectNothingWritten(other, ops.run(mediator, other, 'recordSession', {}, writeSession), 'CASE_NOT_FOUND');
  });

  it('lets the service itself refuse a role the table does not name (issuing a notice checked none)', async () => {
    const id = await registerCase(t, court.users.clerk.username);
    const notices = t.app.get(ReferralNoticeService);
    await expect(notices.issue(coordinator, id, {})).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(await caseRow(t, id)).toMatchObject({ status: 'REGISTERED' });
    expect(await caseActions(t, id)).toEqual(['CASE_REGISTERED']);
    await expect(notices.issue(toActor(court.users.clerk), id, {})).resolves.toMatchObject({ noticeVersion: 1 });
  });
});
