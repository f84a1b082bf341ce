// Two basic courts under one intermediate court, with cases taken through the real APIs to their outcome and
// months closed: the fixture of the reporting-upward tests (e2e and browser).
import type { ManualClock } from '../../src/common/clock.js';
import { setParentCourt } from '../../src/courts/court-setup.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { createMediator, createOrganization } from './assignment.js';
import { aCaseBody } from './builders.js';
import { at, expectingPost, expectStatus } from './statistics.js';
import { apiClient } from './http.js';
import type { TestApp } from './test-app.js';

export interface UpwardCourts {
  /** 京01, users `p_…`. */
  parent: SeededCourt;
  /** 京0105, users without prefix. */
  courtA: SeededCourt;
  /** 京0106, users `b_…`, population 500,000. */
  courtB: SeededCourt;
  mediatorA: string;
  mediatorB: string;
}

export function upwardFlow(t: TestApp, clock: ManualClock) {
  const { auth: bearer } = apiClient(t);
  const expectOk = expectStatus;
  const when = (date: string, time = '10:00') => clock.set(at(date, time));
  const postExpecting = expectingPost(t);
  const post = (username: string, path: string, body: object, status = 201) =>
    postExpecting(username, path, body, `${username} POST ${path}`, status);

  return {
    bearer,
    when,
    post,
    expectOk,

    /** 京01 over 京0105 and 京0106, each with an organization and a mediator for its `mediator` user. */
    async courts(): Promise<UpwardCourts> {
      const parent = await t.seedCourt('京01', 'p_');
      const courtA = await t.seedCourt('京0105', '');
      const courtB = await t.seedCourt('京0106', 'b_');
      await setParentCourt(t.dataSource, '京0105', '京01');
      await setParentCourt(t.dataSource, '京0106', '京01');
      when('2026-06-30');
      // 京0106 has half the population: a roll-up's 万人成讼率 is over the sum, 1,500,000.
      const patch = await t
        .http()
        .patch('/api/v1/court')
        .set(await bearer('b_admin'))
        .send({ population: 500_000 });
      expectOk(patch, 200, 'population');
      const mediatorOf = async (p: string, court: SeededCourt) => {
        const org = await createOrganization(t, `${p}coordinator`, { name: `${p || 'a_'}调解委员会` });
        const mediator = await createMediator(t, `${p}coordinator`, org.id, {
          name: `${p || 'a_'}调解员`,
          userId: court.users.mediator.id,
        });
        return mediator.id;
      };
      return {
        parent,
        courtA,
        courtB,
        mediatorA: await mediatorOf('', courtA),
        mediatorB: await mediatorOf('b_', courtB),
      };
    },

    /** A case of the court of prefix `p`, consented on `consentOn` and settled or failed on `endOn`. */
    async concluded(p: string, mediatorId: string, n: number, consentOn: string, endOn: string, settled: boolean) {
      when(consentOn, '09:00');
      const c = (await post(`${p}clerk`, 'cases', aCaseBody({ n }))).body;
      await post(`${p}clerk`, `cases/${c.id}/notices`, {});
      for (const party of c.parties as { id: string }[]) {
        await post(`${p}clerk`, `cases/${c.id}/answers`, { partyId: party.id, decision: 'CONSENT', channel: 'WINDOW' });
      }
      await post(`${p}coordinator`, `cases/${c.id}/assignment`, { mediatorId, reason: '按专长分派' });
      when(endOn, '15:00');
      const outcome = settled
        ? {
            result: 'SETTLED',
            settlement: { method: 'MEDIATION_DOCUMENT', agreement: '被申请人归还借款。', amount: '1000.00' },
          }
        : { result: 'FAILED', undisputedFacts: '借款事实无争议', failureReason: 'NO_AGREEMENT' };
      await post(`${p}mediator`, `cases/${c.id}/outcome`, outcome);
      return c.id as string;
    },

    async close(username: string, month: string, date: string, reason?: string) {
      when(date, '12:00');
      return post(username, `statistics/monthly/${month}/close`, reason ? { reason } : {});
    },
  };
}
