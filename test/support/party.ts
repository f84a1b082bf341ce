// Helpers for the parties online: invite through the clerk's API, read what the local outbox kept (as the
// admin), and walk a party from the SMS link to a party token.
import { MessageSender } from '../../src/messages/message-sender.service.js';
import { aCaseBody, type CaseBodyOptions } from './builders.js';
import { apiClient } from './http.js';
import type { TestApp } from './test-app.js';

export interface OutboxItem {
  id: string;
  to: string;
  channel: string;
  body: string;
  purpose: string;
  status: string;
}

/** The plaintiff (a person) and the defendant (a company) of `aCaseBody({ n })`, as they would identify themselves. */
export function partiesOfBody(options: CaseBodyOptions = {}) {
  const [plaintiff, defendant] = aCaseBody(options).parties;
  return {
    plaintiff: { name: plaintiff.name, phone: plaintiff.phone, idSuffix: plaintiff.idNumber!.slice(-6) },
    defendant: { name: defendant.name, phone: defendant.phone, idSuffix: defendant.creditCode!.slice(-6) },
  };
}

export const linkTokenIn = (body: string): string => /\/p\/([A-Za-z0-9_-]+)/.exec(body)![1];
export const codeIn = (body: string): string => /验证码为 (\d{6})/.exec(body)![1];

export function partyClient(t: TestApp) {
  const api = apiClient(t);
  /** Sends what is queued (the background sender, driven by hand), then reads the admin's outbox. */
  async function outbox(to: string): Promise<OutboxItem[]> {
    await t.app.get(MessageSender).drain();
    const res = await api.get('admin', `outbox?to=${encodeURIComponent(to)}`);
    if (res.status !== 200) throw new Error(`outbox: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.items as OutboxItem[];
  }
  async function latest(to: string, purpose: 'PARTY_INVITATION' | 'PARTY_CODE'): Promise<OutboxItem> {
    const found = (await outbox(to)).find((m) => m.purpose === purpose);
    if (!found) throw new Error(`no ${purpose} message to ${to}`);
    return found;
  }
  return {
    outbox,
    latest,
    invite: (caseId: string, partyIds?: string[]) =>
      api.post('clerk', `cases/${caseId}/invitations`, partyIds ? { partyIds } : {}),
    /** The link token of the latest invitation sent to `phone`. */
    linkToken: async (phone: string) => linkTokenIn((await latest(phone, 'PARTY_INVITATION')).body),
    start: (body: { token: string; name: string; idSuffix: string }) =>
      t.http().post('/api/v1/party/sessions').send(body),
    verify: (challengeId: string, code: string) =>
      t.http().post(`/api/v1/party/sessions/${challengeId}/verify`).send({ code }),
    /** From the latest invitation to `who` to a party token. */
    async signIn(who: { name: string; phone: string; idSuffix: string }): Promise<string> {
      const token = linkTokenIn((await latest(who.phone, 'PARTY_INVITATION')).body);
      const started = await t
        .http()
        .post('/api/v1/party/sessions')
        .send({ token, name: who.name, idSuffix: who.idSuffix });
      if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
      const code = codeIn((await latest(who.phone, 'PARTY_CODE')).body);
      const verified = await t.http().post(`/api/v1/party/sessions/${started.body.challengeId}/verify`).send({ code });
      if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${JSON.stringify(verified.body)}`);
      return verified.body.partyToken as string;
    },
    as: (partyToken: string) => ({
      get: (path: string) => t.http().get(`/api/v1/party/${path}`).set('Authorization', `Bearer ${partyToken}`),
      post: (path: string, body: object) =>
        t.http().post(`/api/v1/party/${path}`).set('Authorization', `Bearer ${partyToken}`).send(body),
    }),
  };
}
