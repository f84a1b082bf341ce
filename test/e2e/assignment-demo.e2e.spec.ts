import { jest } from '@jest/globals';
import { seedDemoIfEmpty } from '../../src/demo/demo-seed.js';
import { markReferred, registerCase } from '../support/assignment.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';

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

    const caseId = await registerCase(t, 'clerk', { caseType: '劳动争议' });
    await markReferred(t, caseId);
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
