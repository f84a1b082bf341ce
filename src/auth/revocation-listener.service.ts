import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { TokenLivenessCache } from './token-liveness-cache.js';

/** The channel the database announces revocations on (migration 1700000001950). */
export const REVOCATION_CHANNEL = 'token_revocations';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
/** How long a logout waits for its own announcement to come back before answering. */
const ECHO_WAIT_MS = 2_000;

/**
 * One connection per instance that LISTENs on `token_revocations` and drops what the announcement names
 * from the instance's TokenLivenessCache. While it is not listening (start-up, a lost connection, the
 * database restarting) the cache vouches for nothing and every request asks the database, as before.
 */
@Injectable()
export class RevocationListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RevocationListener.name);
  private client?: pg.Client;
  private retryMs = RETRY_MIN_MS;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly waiting = new Map<string, Set<() => void>>();

  readonly cache = new TokenLivenessCache();

  constructor(@Inject(APP_OPTIONS) private readonly options: AppOptions) {}

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.cache.disable();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Whether announcements are being received (and the cache may vouch). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Resolves when the announcement comes back to this instance (every instance listening was told at
   * the same moment), or after ECHO_WAIT_MS; at once when not listening. Call `expect` before the write.
   */
  expect(payload: string): () => Promise<void> {
    if (!this.listening) return () => Promise.resolve();
    let done!: () => void;
    const arrived = new Promise<void>((resolve) => (done = resolve));
    const set = this.waiting.get(payload) ?? new Set();
    set.add(done);
    this.waiting.set(payload, set);
    return async () => {
      const timer = setTimeout(done, ECHO_WAIT_MS);
      await arrived;
      clearTimeout(timer);
      set.delete(done);
      if (set.size === 0 && this.waiting.get(payload) === set) this.waiting.delete(payload);
    };
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'revocations' });
    client.on('notification', (message) => this.announced(message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${REVOCATION_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = RETRY_MIN_MS;
    this.cache.enable();
  }

  private announced(payload: string): void {
    if (payload.startsWith('token:')) this.cache.forgetToken(payload.slice('token:'.length));
    else if (payload.startsWith('user:')) this.cache.forgetUser(payload.slice('user:'.length));
    else this.cache.enable(); // unknown: forget everything held
    for (const resolve of this.waiting.get(payload) ?? []) resolve();
  }

  private lost(client: pg.Client, error?: Error): void {
    this.cache.disable();
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    for (const set of this.waiting.values()) for (const resolve of set) resolve();
    if (this.stopped || this.retryTimer) return;
    this.logger.warn(`吊销通知连接中断，令牌检查暂时逐次查询数据库：${error?.message ?? '连接已关闭'}`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
