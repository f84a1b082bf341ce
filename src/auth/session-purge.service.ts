import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { runScheduled, underJobLock } from '../common/timed-job.js';

/** Rate-limit windows are kept this long after they close (enough to look at a burst afterwards). */
const RATE_WINDOW_RETENTION_MS = 24 * 3600 * 1000;

interface PurgeCounts {
  revokedTokens: number;
  sessionActivity: number;
  rateLimitWindows: number;
}

/**
 * Hourly, on one instance at a time (advisory lock): forgets revoked tokens and session activity past the
 * tokens' own expiry (an expired token is refused anyway), and closed rate-limit windows.
 */
@Injectable()
export class SessionPurgeService {
  private readonly logger = new Logger(SessionPurgeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'session-purge' })
  scheduledPurge(): Promise<void> {
    return runScheduled(
      this.logger,
      'session purge',
      () => this.purge(),
      (counts) => counts !== undefined,
    );
  }

  /** One purge; undefined when another instance holds the job's lock (and purges). */
  async purge(): Promise<PurgeCounts | undefined> {
    const purged = await underJobLock(this.dataSource, 'sessionPurge', async (m) => {
      // Token expiry is real time (the tokens' `exp`): the database's clock, not the business clock.
      const [, revokedTokens] = await m.query(`DELETE FROM revoked_tokens WHERE expires_at < now()`);
      const [, sessionActivity] = await m.query(`DELETE FROM session_activity WHERE expires_at < now()`);
      const [, rateLimitWindows] = await m.query(`DELETE FROM rate_limit_windows WHERE window_start < $1`, [
        new Date(this.clock.now().getTime() - RATE_WINDOW_RETENTION_MS),
      ]);
      return {
        revokedTokens: Number(revokedTokens),
        sessionActivity: Number(sessionActivity),
        rateLimitWindows: Number(rateLimitWindows),
      };
    });
    return purged ?? undefined;
  }
}
