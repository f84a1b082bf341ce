import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { TokenLivenessCache } from './token-liveness-cache.js';

/** The channel the database announces revocations on (migration 1700000001950). */
const REVOCATION_CHANNEL = 'token_revocations';
/** Each instance answers an announcement here once it has dropped what it names. */
const ACK_CHANNEL = 'token_revocations_ack';
/**
 * The listening connections name themselves so, to be counted (pg_stat_activity). LISTEN needs a session of
 * its own: behind PgBouncer this connection must be in session mode (or go to PostgreSQL directly).
 */
const APPLICATION_NAME = 'mediation-revocations';
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;
/** How long a revoking request waits for every instance's acknowledgement before answering. */
const ACK_WAIT_MS = 2_000;

interface Waiter {
  acks: number;
  needed?: number;
  done: () => void;
}

/**
 * One connection per instance that LISTENs on `token_revocations` and drops what the announcement names
 * from the instance's TokenLivenessCache, then acknowledges it (NOTIFY on `token_revocations_ack`). A
 * revoking request answers once every listening instance has acknowledged (or ACK_WAIT_MS have passed), so
 * a next request on any instance is refused. While it is not listening (start-up, a lost connection, the
 * database restarting) the cache vouches for nothing and every request asks the database, as before.
 */
@Injectable()
export class RevocationListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RevocationListener.name);
  readonly cache = new TokenLivenessCache();
  private client?: pg.Client;
  private retryMs = RETRY_MIN_MS;
  private retryTimer?: NodeJS.Timeout;
  private stopped = false;
  private readonly waiting = new Map<string, Set<Waiter>>();
  /** Acknowledgements awaited for transactions' changes (see `expectAfterCommit`). */
  private readonly pending = new Set<Promise<void>>();

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
    this.releaseWaiters();
    await client?.end().catch(() => undefined);
  }

  /** Whether announcements are being received (and the cache may vouch). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Call before the write that announces `payload`; the returned function resolves once every instance
   * listening on the database has acknowledged it, or after ACK_WAIT_MS; at once when not listening.
   */
  expect(payload: string): () => Promise<void> {
    const client = this.client;
    if (!client) return () => Promise.resolve();
    let done!: () => void;
    const arrived = new Promise<void>((resolve) => (done = resolve));
    const waiter: Waiter = { acks: 0, done };
    const set = this.waiting.get(payload) ?? new Set();
    set.add(waiter);
    this.waiting.set(payload, set);
    client
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [APPLICATION_NAME],
      )
      .then(({ rows }) => {
        waiter.needed = rows[0].n;
        if (waiter.acks >= waiter.needed) waiter.done();
      })
      .catch(() => waiter.done());
    return async () => {
      const timer = setTimeout(done, ACK_WAIT_MS);
      await arrived;
      clearTimeout(timer);
      set.delete(waiter);
      if (set.size === 0 && this.waiting.get(payload) === set) this.waiting.delete(payload);
    };
  }

  /**
   * For a change inside a transaction (the announcement is sent at its commit): RevocationSettleInterceptor
   * holds the request's answer until every instance has acknowledged it, or ACK_WAIT_MS have passed.
   */
  expectAfterCommit(payload: string): void {
    if (!this.listening) return;
    const told = this.expect(payload)().finally(() => this.pending.delete(told));
    this.pending.add(told);
  }

  /** Whether an answer must wait for acknowledgements (`settle`). */
  get unsettled(): boolean {
    return this.pending.size > 0;
  }

  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // Start-up parameters stay the pool's (client_encoding, user, database: what PgBouncer passes on).
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (message) => this.received(client, message.channel, message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`SET application_name = '${APPLICATION_NAME}'`);
      await client.query(`LISTEN ${REVOCATION_CHANNEL}`);
      await client.query(`LISTEN ${ACK_CHANNEL}`);
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

  private received(client: pg.Client, channel: string, payload: string): void {
    if (channel === ACK_CHANNEL) {
      for (const waiter of this.waiting.get(payload) ?? []) {
        waiter.acks += 1;
        if (waiter.needed !== undefined && waiter.acks >= waiter.needed) waiter.done();
      }
      return;
    }
    if (payload.startsWith('token:')) this.cache.forgetToken(payload.slice('token:'.length));
    else if (payload.startsWith('user:')) this.cache.forgetUser(payload.slice('user:'.length));
    else this.cache.enable(); // unknown: forget everything held
    client.query(`SELECT pg_notify($1, $2)`, [ACK_CHANNEL, payload]).catch(() => undefined);
  }

  private lost(client: pg.Client, error?: Error): void {
    this.cache.disable();
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    this.releaseWaiters();
    if (this.stopped || this.retryTimer) return;
    this.logger.warn(`吊销通知连接中断，令牌检查暂时逐次查询数据库：${error?.message ?? '连接已关闭'}`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private releaseWaiters(): void {
    for (const set of this.waiting.values()) for (const waiter of set) waiter.done();
  }
}
