// The providers behind the one sender (MessageSender): each takes a message and answers the provider's id for
// it, or throws (the sender retries). A court's real SMS gateway or mail server plugs in here.
import type { MessageChannel, ProviderName } from './outbound-message.entity.js';

interface MessageToSend {
  id: string;
  channel: MessageChannel;
  recipient: string;
  subject: string | null;
  body: string;
}

interface ProviderReceipt {
  providerMessageId: string;
  /** The provider knows the message reached the recipient (the local outbox: at once). */
  delivered: boolean;
}

export interface MessageProvider {
  readonly name: ProviderName;
  send(message: MessageToSend): Promise<ProviderReceipt>;
}

/** A failure the provider reports for good (a malformed number): no retry would help. */
export class PermanentSendError extends Error {}

/**
 * 开发者发件箱: keeps the message where it is (its row is the message) and calls it delivered. The default in
 * embedded and demo mode and in tests, so a newcomer sees what a party would get without any provider.
 */
export class LocalOutboxProvider implements MessageProvider {
  readonly name = 'LOCAL' as const;
  async send(message: MessageToSend): Promise<ProviderReceipt> {
    return { providerMessageId: `local-${message.id}`, delivered: true };
  }
}

/**
 * A court's SMS gateway over HTTP: `POST <url>` with `{ to, text, reference }` as JSON and
 * `Authorization: Bearer <key>`; a 2xx answer with `{ id }` is the gateway's message id. A 4xx other than 429
 * is permanent (a bad number), anything else is retried.
 */
export class HttpSmsProvider implements MessageProvider {
  readonly name = 'SMS_HTTP' as const;
  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: MessageToSend): Promise<ProviderReceipt> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key}` },
      body: JSON.stringify({ to: message.recipient, text: message.body, reference: message.id }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      const problem = `SMS gateway answered ${response.status}`;
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw new PermanentSendError(problem);
      }
      throw new Error(problem);
    }
    const answer = (await response.json().catch(() => ({}))) as { id?: unknown };
    return { providerMessageId: typeof answer.id === 'string' ? answer.id : `sms-${message.id}`, delivered: false };
  }
}

/** The mail server (SMTP) through nodemailer, loaded only when SMTP_URL is set. */
export class SmtpProvider implements MessageProvider {
  readonly name = 'SMTP' as const;
  private transport: Promise<{ sendMail(mail: object): Promise<{ messageId: string }> }> | undefined;
  constructor(
    private readonly url: string,
    private readonly from: string,
  ) {}

  async send(message: MessageToSend): Promise<ProviderReceipt> {
    this.transport ??= import('nodemailer').then((nodemailer) => nodemailer.createTransport(withTimeouts(this.url)));
    const info = await (
      await this.transport
    ).sendMail({
      from: this.from,
      to: message.recipient,
      subject: message.subject ?? '法院通知',
      text: message.body,
    });
    return { providerMessageId: info.messageId, delivered: false };
  }
}

/** The connection and socket timeouts as the SMTP URL's own options (nodemailer reads them from the query). */
function withTimeouts(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('connectionTimeout')) parsed.searchParams.set('connectionTimeout', '10000');
  if (!parsed.searchParams.has('socketTimeout')) parsed.searchParams.set('socketTimeout', '20000');
  return parsed.toString();
}
