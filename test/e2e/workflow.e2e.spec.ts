// The whole life of a dispute through the real APIs only, as the people in the
// domain do it: clerk, coordinator, mediator, judge, enforcement officer.
import { ManualClock } from '../../src/common/clock.js';
import { aCaseBody } from '../support/builders.js';
import { createMediator, createOrganization } from '../support/assignment.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

describe('the whole path of a dispute (e2e)', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-09-01T01:00:00Z')); // 09:00 in Beijing
  let mediatorUserId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const court = await t.seedCourt('京0105', '');
    mediatorUserId = court.users.mediator.id;
  });
  afterAll(() => t.close());

  const { auth: as } = apiClient(() => t);

  it('register → notice → consent → assign → session → consultation → failed → transfer with the mediation file', async () => {
    const registered = await t
      .http()
      .post('/api/v1/cases')
      .set(await as('clerk'))
      .send(aCaseBody({ n: 501 }));
    expect(registered.status).toBe(201);
    const caseId = registered.body.id as string;

    expect(
      (
        await t
          .http()
          .post(`/api/v1/cases/${caseId}/notices`)
          .set(await as('clerk'))
          .send({})
      ).status,
    ).toBe(201);
    for (const party of registered.body.parties as { id: string }[]) {
      const answer = await t
        .http()
        .post(`/api/v1/cases/${caseId}/answers`)
        .set(await as('clerk'))
        .send({ partyId: party.id, decision: 'CONSENT', channel: 'WINDOW' });
      expect(answer.status).toBe(201);
    }
    let c = (
      await t
        .http()
        .get(`/api/v1/cases/${caseId}`)
        .set(await as('clerk'))
    ).body;
    expect(c).toMatchObject({
      status: 'REFERRED',
      prelitigationNumber: '(2026)京0105民诉前调1号',
      mediationDeadline: '2026-10-08',
    });

    const organization = await createOrganization(t, 'coordinator');
    const mediator = await createMediator(t, 'coordinator', organization.id, {
      userId: mediatorUserId,
      name: '赵调解',
    });
    const suggestions = await t
      .http()
      .get(`/api/v1/cases/${caseId}/mediator-suggestions`)
      .set(await as('coordinator'));
    expect(suggestions.status).toBe(200);
    expect(suggestions.body[0].mediator.id).toBe(mediator.id);
    const assigned = await t
      .http()
      .post(`/api/v1/cases/${caseId}/assignment`)
      .set(await as('coordinator'))
      .send({ mediatorId: mediator.id, reason: '专业对口' });
    expect(assigned.status).toBe(201);

    clock.set('2026-09-03T02:00:00Z');
    const session = await t
      .http()
      .post(`/api/v1/cases/${caseId}/sessions`)
      .set(await as('mediator'))
      .send({
        heldOn: '2026-09-03',
        mode: 'IN_PERSON',
        participants: ['张三', '李四'],
        notes: '双方对借款事实无异议，对还款期限分歧较大',
      });
    expect(session.status).toBe(201);

    const letter = await t
      .http()
      .post('/api/v1/consultations')
      .set(await as('judge'))
      .send({ caseId, questions: ['被告名下是否有可供执行的财产'], priority: 'NORMAL' });
    expect(letter.status).toBe(201);
    const inbox = await t
      .http()
      .get('/api/v1/consultations?box=inbox')
      .set(await as('enforcer'));
    expect(inbox.body.items.map((l: { id: string }) => l.id)).toContain(letter.body.id);
    const reply = await t
      .http()
      .post(`/api/v1/consultations/${letter.body.id}/reply`)
      .set(await as('enforcer'))
      .send({ assessment: 'UNENFORCEABLE', opinion: '被告名下无可供执行的财产', suggestions: ['诉前财产保全'] });
    expect(reply.status).toBe(201);

    // The settlement form shows the doubtful enforceability opinion before any agreement is recorded.
    const template = await t
      .http()
      .get(`/api/v1/cases/${caseId}/agreement-template`)
      .set(await as('mediator'));
    expect(template.status).toBe(200);
    expect(template.body.enforcementOpinions).toEqual([
      expect.objectContaining({ assessment: 'UNENFORCEABLE', suggestions: ['诉前财产保全'] }),
    ]);

    const failed = await t
      .http()
      .post(`/api/v1/cases/${caseId}/outcome`)
      .set(await as('mediator'))
      .send({
        result: 'FAILED',
        undisputedFacts: '被告于2025年3月向原告借款12000.50元，至今未还。',
        failureReason: 'NO_AGREEMENT',
      });
    expect(failed.status).toBe(201);

    const transfer = await t
      .http()
      .post(`/api/v1/cases/${caseId}/transfer-to-filing`)
      .set(await as('clerk'))
      .send({});
    expect(transfer.status).toBe(201);
    c = (
      await t
        .http()
        .get(`/api/v1/cases/${caseId}`)
        .set(await as('clerk'))
    ).body;
    expect(c).toMatchObject({ status: 'TRANSFERRED', filingNumber: '(2026)京0105民初1号' });

    const file = await t
      .http()
      .get(`/api/v1/cases/${caseId}/transfer`)
      .set(await as('clerk'));
    expect(file.status).toBe(200);
    const summary = JSON.stringify(file.body);
    expect(summary).toContain('被告于2025年3月向原告借款12000.50元');
    expect(summary).toContain('NO_AGREEMENT');
    expect(summary).toContain('2026-09-03');

    const events = await t
      .http()
      .get(`/api/v1/cases/${caseId}/events`)
      .set(await as('clerk'));
    const actions = events.body.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('CASE_REGISTERED');
    expect(actions).toEqual(expect.arrayContaining(['CONSULTATION_SENT', 'CONSULTATION_REPLIED', 'CASE_FAILED']));
    // The transfer, then (in its transaction) the electronic file made ready for the trial court.
    expect(actions.slice(-2)).toEqual(['CASE_TRANSFERRED', 'CASE_FILE_PACKAGE_READY']);
  });
});
