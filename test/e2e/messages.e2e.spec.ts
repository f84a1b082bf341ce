// Messages through a real provider: a court's SMS gateway over HTTP (a local stand-in here). A message is queued
// with the invitation and sent after commit; a gateway failure is retried later, a permanent refusal fails it
// for good; with real providers for both channels the developer's outbox does not exist.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/common/clock.js';
import { MessageSender } from '../../src/messages/message-sender.service.js';
import { apiClient } from '../support/http.js';
import { referralClient } from '../support/referral.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface GatewayCall {
  authorization: string | undefined;
  body: { to: string; text: string; reference: string };
}

describe('messages through an SMS gateway (e2e)', () => {
  const clock = new ManualClock(new Date('2026-10-12T02:00:00Z'));
  let t: TestApp;
  let gateway: Server;
  const calls: GatewayCall[] = [];
  /** What the gateway answers next (status, body), in order; then 200. */
  const answers: [number, object][] = [];
  const api = apiClient(() => t);

  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => resolve(text));
    });

  beforeAll(async () => {
    gateway = createServer((request, response) => {
      void read(request).then((text) => {
        calls.push({ authorization: request.headers.authorization, body: JSON.parse(text) });
        const [status, body] = answers.shift() ?? [200, { id: `gw-${calls.length}` }];
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const { port } = gateway.address() as AddressInfo;
    t = await startTestApp({
      clock,
      messages: {
        smsGatewayUrl: `http://127.0.0.1:${port}/send`,
        smsGatewayKey: 'gateway-key-0123456789',
        smtpUrl: 'smtp://127.0.0.1:1',
        mailFrom: '测试法院 <noreply@court.example>',
        partyLinkDays: 15,
      },
    });
    await t.seedCourt('京0105', '');
    expect((await api.patch('admin', 'court', { publicUrl: 'https://court.example' })).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  const messageRow = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT status, attempts, provider, provider_message_id, last_error, next_attempt_at FROM outbound_messages WHERE id = $1`,
        [id],
      )
    )[0];

  it('queues with the invitation, retries a gateway failure later, then records the gateway’s id', async () => {
    const referral = referralClient(t);
    const c = await referral.register({ n: 1 });
    await referral.issueNotice(c.id);
    const plaintiff = c.parties.find((p) => p.role === 'PLAINTIFF')!.id;
    answers.push([503, { error: 'busy' }]);
    const invited = await api.post('clerk', `cases/${c.id}/invitations`, { partyIds: [plaintiff] });
    expect(invited.status).toBe(201);
    const { messageId } = invited.body.invitations[0];
    await t.app.get(MessageSender).drain();
    expect(await messageRow(messageId)).toMatchObject({ status: 'QUEUED', attempts: 1, provider: 'SMS_HTTP' });
    expect((await messageRow(messageId)).last_error).toContain('503');
    // Not due yet: nothing more is sent.
    await t.app.get(MessageSender).drain();
    expect(calls).toHaveLength(1);
    clock.set('2026-10-12T02:01:01Z');
    await t.app.get(MessageSender).drain();
    expect(await messageRow(messageId)).toMatchObject({ status: 'SENT', attempts: 2, provider_message_id: 'gw-2' });
    expect(calls[1].authorization).toBe('Bearer gateway-key-0123456789');
    expect(calls[1].body.to).toBe(calls[0].body.to);
    expect(calls[1].body.text).toMatch(/https:\/\/court\.example\/p\/[A-Za-z0-9_-]{40,}/);
    expect(calls[1].body.reference).toBe(messageId);
    // Sent is not reached: without a delivery receipt, service waits for the party's act.
    const records = await api.get('clerk', `cases/${c.id}/service-records`);
    expect(records.body.items[0]).toMatchObject({ messageStatus: 'SENT', reachedAt: null, complete: false });
  });

  it('fails a message the gateway refuses for good, without retrying', async () => {
    const referral = referralClient(t);
    const c = await referral.register({ n: 2 });
    await referral.issueNotice(c.id);
    answers.push([400, { error: 'bad number' }]);
    const invited = await api.post('clerk', `cases/${c.id}/invitations`, {
      partyIds: [c.parties.find((p) => p.role === 'DEFENDANT')!.id],
    });
    const { messageId } = invited.body.invitations[0];
    const before = calls.length;
    await t.app.get(MessageSender).drain();
    clock.set('2026-10-12T03:00:00Z');
    await t.app.get(MessageSender).drain();
    expect(calls.length).toBe(before + 1);
    expect(await messageRow(messageId)).toMatchObject({ status: 'FAILED', attempts: 1 });
  });

  it('a refused invitation queues nothing', async () => {
    const referral = referralClient(t);
    const c = await referral.register({ n: 3 });
    const count = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM outbound_messages'))[0].n);
    const before = await count();
    expect((await api.post('clerk', `cases/${c.id}/invitations`, {})).status).toBe(422);
    expect(await count()).toBe(before);
  });

  it('has no developer outbox with real providers', async () => {
    const res = await api.get('admin', 'outbox');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('OUTBOX_NOT_CONFIGURED');
  });
});
