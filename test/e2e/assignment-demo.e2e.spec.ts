import { jest } from '@jest/globals';
import { seedDemoIfEmpty } from '../../src/demo/demo-seed.js';
import { aCaseBody } from '../support/builders.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';
import { stepTo } from '../support/referral.js';

describe('demo roster (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await seedDemoIfEmpty(t.app, TEST_PASSWORD);
    log.mockRestore();
  });
  afterAll(() => t.close());

  const { auth } = apiClient(() => t);

  it('seeds an organization and a roster entry for the demo mediator, so a demo case is assigned at once', async () => {
    const roster = await t
      .http()
      .get('/api/v1/mediators')
      .set(await auth('coordinator'));
    expect(roster.body).toHaveLength(1);
    expect(roster.body[0]).toMatchObject({ capacity: 30, active: true, regions: expect.arrayContaining(['朝阳区']) });
    const caseTypes = (
      await t
        .http()
        .get('/api/v1/cases/case-types')
        .set(await auth('clerk'))
    ).body;
    expect([...roster.body[0].specialties].sort()).toEqual([...caseTypes].sort());

    // The demo court runs the 2025 procedure with its own numbers: a window case is 先行调解, numbered 民初 at once.
    const registered = await t
      .http()
      .post('/api/v1/cases')
      .set(await auth('clerk'))
      .send({ ...aCaseBody({ caseType: '劳动争议' }), trialProcedure: 'SIMPLE' });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      procedure: 'POST_FILING',
      filingNumber: expect.stringMatching(/^\(\d{4}\)京0105民初1号$/),
    });
    const caseId = registered.body.id as string;
    await stepTo(t, caseId, 'REFERRED');
    const suggestions = await t
      .http()
      .get(`/api/v1/cases/${caseId}/mediator-suggestions`)
      .set(await auth('coordinator'));
    expect(suggestions.body).toHaveLength(1);
    expect(suggestions.body[0].parts).toMatchObject({ specialty: 1, region: 1 });

    const assigned = await t
      .http()
      .post(`/api/v1/cases/${caseId}/assignment`)
      .set(await auth('coordinator'))
      .send({ mediatorId: roster.body[0].id, reason: '演示分派' });
    expect(assigned.status).toBe(201);
    const own = await t
      .http()
      .get(`/api/v1/cases/${caseId}`)
      .set(await auth('mediator'));
    expect(own.status).toBe(200);
    expect(own.body.status).toBe('ASSIGNED');
  });
});
