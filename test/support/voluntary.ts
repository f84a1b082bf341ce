// A case taken into mediation through the API as a clerk, a coordinator and a mediator would: registered under its
// procedure, noticed, both parties' consent (their free choice), a mediator assigned and, for the 2025 procedures,
// the mediator's sign-for (签收), which starts the period. Used by the voluntary route's e2e and browser tests.
import type { Procedure } from '../../src/cases/procedure.js';
import { aCaseBody } from './builders.js';
import { apiClient } from './http.js';
import { rosterEntryFor } from './mediation.js';
import type { TestApp } from './test-app.js';

export interface IntoMediation {
  procedure: Procedure;
  /** The court's username prefix (`''` for `clerk`, `x_` for `x_clerk`...). */
  prefix?: string;
  /** The user id of the court's mediator, whose roster entry is assigned. */
  mediatorUserId: string;
  /** Makes the body's identity numbers differ between cases. */
  n: number;
}

/** The case's id once it is in mediation (IN_MEDIATION for the 2025 procedures, ASSIGNED for the old one). */
export async function caseIntoMediation(t: TestApp, o: IntoMediation): Promise<string> {
  const { post } = apiClient(t);
  const prefix = o.prefix ?? '';
  const expectCreated = (res: { status: number; body: unknown }, what: string) => {
    if (res.status !== 201) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const body = {
    ...aCaseBody({ n: o.n }),
    ...(o.procedure === 'LEGACY_PRE_FILING' ? {} : { procedure: o.procedure }),
    ...(o.procedure === 'POST_FILING' ? { trialProcedure: 'SIMPLE' } : {}),
  };
  const registered = await post(`${prefix}clerk`, 'cases', body);
  expectCreated(registered, 'registering');
  const id = registered.body.id as string;
  expectCreated(await post(`${prefix}clerk`, `cases/${id}/notices`, {}), 'the notice');
  for (const party of registered.body.parties as { id: string; role: string }[]) {
    if (party.role === 'THIRD_PARTY') continue;
    const answer = { partyId: party.id, decision: 'CONSENT', channel: 'WINDOW' };
    expectCreated(await post(`${prefix}clerk`, `cases/${id}/answers`, answer), 'an answer');
  }
  const roster = await rosterEntryFor(t, o.mediatorUserId);
  const assignment = { mediatorId: roster.mediatorId, reason: '按专长分派' };
  expectCreated(await post(`${prefix}coordinator`, `cases/${id}/assignment`, assignment), 'the assignment');
  if (o.procedure !== 'LEGACY_PRE_FILING') {
    expectCreated(await post(`${prefix}mediator`, `cases/${id}/receipt`, {}), 'the sign-for');
  }
  return id;
}
