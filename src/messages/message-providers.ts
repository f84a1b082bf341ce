import type { MessageEnv } from '../config/env.js';
import { HttpSmsProvider, LocalOutboxProvider, SmtpProvider, type MessageProvider } from './message-provider.js';
import type { MessageChannel } from './outbound-message.entity.js';

/** The provider of each channel, from the environment: the local outbox unless a real one is configured. */
export class MessageProviders {
  readonly sms: MessageProvider;
  readonly email: MessageProvider;

  constructor(env: MessageEnv | undefined) {
    const local = new LocalOutboxProvider();
    this.sms =
      env?.smsGatewayUrl && env.smsGatewayKey ? new HttpSmsProvider(env.smsGatewayUrl, env.smsGatewayKey) : local;
    this.email = env?.smtpUrl && env.mailFrom ? new SmtpProvider(env.smtpUrl, env.mailFrom) : local;
  }

  of(channel: MessageChannel): MessageProvider {
    return channel === 'SMS' ? this.sms : this.email;
  }

  /** Whether any channel keeps its messages in the local outbox (then GET /outbox and 开发者发件箱 exist). */
  get localOutbox(): boolean {
    return this.sms.name === 'LOCAL' || this.email.name === 'LOCAL';
  }
}
