import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { MetricsService } from '../../metrics/metrics.service.js';
import { Clock } from '../clock.js';
import { ConflictError } from '../errors.js';
import { runScheduled, underJobLock } from '../timed-job.js';
import { IdempotencyQueries, type KeyRow } from './idempotency-queries.js';

/** Whose key it is and what request it stands for. */
export interface IdempotencyScope {
  courtId: string;
  userId: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

type IdempotencyClaim = { kind: 'claimed' } | { kind: 'replay'; statusCode: number; response: unknown };

/** A completed key answers repeats for this long, then the hourly purge removes it. */
const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;
/** A claim still pending after this long belongs to a request that died; a repeat may take it over. */
const IDEMPOTENCY_ABANDONED_MS = 2 * 60 * 1000;
/** How long a repeat waits for the first request to finish before answering 409 IN_PROGRESS. */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 25;

/**
 * The idempotency_keys table. A request first claims its key by inserting a
 * pending row (the primary key makes exactly one of several concurrent
 * requests win), runs, then stores its response on the row; a repeat waits for
 * that and answers with the stored response. A failed request gives its claim
 * back, so the client can correct the body and retry with the same key.
 */
@Injectable()
export class IdempotencyStore {
  private readonly logger = new Logger(IdempotencyStore.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: IdempotencyQueries,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  async claim(scope: IdempotencyScope): Promise<IdempotencyClaim> {
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      if (await this.insertPending(scope)) return { kind: 'claimed' };
      const row = await this.find(scope);
      if (row) {
        if (row.request_hash !== scope.fingerprint) throw keyReused();
        if (row.status_code !== null) return { kind: 'replay', statusCode: row.status_code, response: row.response };
        if (await this.takeOverAbandoned(scope, row)) return { kind: 'claimed' };
      }
      if (Date.now() >= deadline) throw keyInProgress();
      await sleep(POLL_MS);
    }
  }

  now(): Date {
    return this.clock.now();
  }

  /**
   * Stores the response the handler gave. The work may have completed the key already in its own transaction
   * (idempotency-context.ts): the handler's own body then replaces the one stored there (the same request).
   */
  async complete(scope: IdempotencyScope, statusCode: number, response: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status_code = $4, response = $5::jsonb, completed_at = $6
       WHERE court_id = $1 AND user_id = $2 AND key = $3 AND request_hash = $7`,
      [
        scope.courtId,
        scope.userId,
        scope.key,
        statusCode,
        JSON.stringify(response ?? null),
        this.clock.now(),
        scope.fingerprint,
      ],
    );
  }

  async release(scope: IdempotencyScope): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE court_id = $1 AND user_id = $2 AND key = $3 AND status_code IS NULL`,
      [scope.courtId, scope.userId, scope.key],
    );
  }

  /** Hourly, on one instance at a time: forget keys past their retention. */
  @Cron(CronExpression.EVERY_HOUR, { name: 'idempotency-purge' })
  scheduledPurge(): Promise<void> {
    return runScheduled(
      this.logger,
      'idempotency purge',
      () => this.purgeExpired(),
      (purged) => purged > 0,
    );
  }

  /** How many expired keys one purge forgot (0 when another instance holds the job's lock). */
  purgeExpired(): Promise<number> {
    return this.metrics.timeJob('idempotency-purge', () => this.purge());
  }

  private async purge(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS);
    const purged = await underJobLock(this.dataSource, 'idempotencyPurge', async (m) => {
      const [, affected] = await m.query(`DELETE FROM idempotency_keys WHERE created_at < $1`, [cutoff]);
      return Number(affected);
    });
    return purged ?? 0;
  }

  private async insertPending(scope: IdempotencyScope): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (court_id, user_id, key, method, path, request_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT pk_idempotency_keys DO NOTHING RETURNING key`,
      [scope.courtId, scope.userId, scope.key, scope.method, scope.path, scope.fingerprint, this.clock.now()],
    );
    return rows.length === 1;
  }

  private find(scope: IdempotencyScope): Promise<KeyRow | undefined> {
    return this.queries.key(scope);
  }

  /** Takes over a pending claim older than IDEMPOTENCY_ABANDONED_MS; only one taker wins. */
  private async takeOverAbandoned(scope: IdempotencyScope, row: KeyRow): Promise<boolean> {
    const now = this.clock.now();
    if (now.getTime() - new Date(row.created_at).getTime() < IDEMPOTENCY_ABANDONED_MS) return false;
    const [, affected] = await this.dataSource.query(
      `UPDATE idempotency_keys SET created_at = $5
       WHERE court_id = $1 AND user_id = $2 AND key = $3 AND status_code IS NULL AND created_at = $4`,
      [scope.courtId, scope.userId, scope.key, row.created_at, now],
    );
    return affected === 1;
  }
}

function keyReused(): ConflictError {
  return new ConflictError(
    'IDEMPOTENCY_KEY_REUSED',
    '该 Idempotency-Key 已用于内容不同的请求；新的请求请使用新的 Idempotency-Key',
  );
}

function keyInProgress(): ConflictError {
  return new ConflictError('IDEMPOTENCY_KEY_IN_PROGRESS', '使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试');
}
