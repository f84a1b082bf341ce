// The job that builds the packages requested with the transfers (file-package-ready.ts) into the attachment
// store. `buildSoon`, called once a transfer committed, and a poll on the instances that run timed jobs build what
// is due, one package per transaction under FOR UPDATE SKIP LOCKED: the ZIP is streamed into the store in the
// same transaction that marks the package stored, so a process that dies half way leaves nothing stored and the
// package still waiting, and two instances never build one package twice. A build that fails (a document
// worker busy, an attachment whose bytes no longer match their digest) is tried again later, backing off, and
// after FILE_PACKAGE_MAX_ATTEMPTS given up: FAILED, in the case's history, the people who can act on it told once
// (file-package-failure.ts; a clerk's rebuild is file-package-state.service.ts).
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { recordCaseEvent } from '../cases/case-history.js';
import { Case } from '../cases/case.entity.js';
import { Clock } from '../common/clock.js';
import { QueueDrain } from '../common/queue-drain.js';
import { WorkNotificationsService } from '../notifications/work-notifications.service.js';
import { AttachmentStore } from './attachment-store.js';
import { CaseFilePackage } from './case-file-package.entity.js';
import { FILE_PACKAGE_MAX_ATTEMPTS, failureReason, retryDelayMinutes } from './file-package-failure.js';
import { FilePackageService } from './file-package.service.js';

@Injectable()
export class FilePackageBuilder implements OnApplicationShutdown {
  private readonly logger = new Logger(FilePackageBuilder.name);
  private readonly queue = new QueueDrain(async () => {
    const outcome = await this.buildOne();
    return outcome === 'BUILT' ? 'DONE' : outcome === 'FAILED' ? 'SKIPPED' : 'NONE';
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly store: AttachmentStore,
    private readonly packages: FilePackageService,
    private readonly audit: AuditService,
    private readonly notifications: WorkNotificationsService,
  ) {}

  /** After a transfer committed: build its package in the background, without holding up the request. */
  buildSoon(): void {
    setImmediate(() => {
      this.drain().catch((error: unknown) => this.logger.warn(`building file packages failed: ${String(error)}`));
    });
  }

  /** The retry poll, on instances that run timed jobs (and the packages of an instance that died). */
  @Interval(60_000)
  async poll(): Promise<void> {
    await this.drain().catch((error: unknown) => this.logger.warn(`building file packages failed: ${String(error)}`));
  }

  /** Builds every package due now; one drain at a time in this process (src/common/queue-drain.ts). */
  drain(): Promise<number> {
    return this.queue.run();
  }

  /** One due package, built and stored in one transaction; NONE when none is due. */
  private async buildOne(): Promise<'NONE' | 'BUILT' | 'FAILED'> {
    let claimed: CaseFilePackage | null = null;
    try {
      return await this.dataSource.transaction(async (m) => {
        claimed = await m
          .createQueryBuilder(CaseFilePackage, 'p')
          .where(`p.status = 'PENDING' AND p.next_attempt_at <= :now`, { now: this.clock.now() })
          .orderBy('p.next_attempt_at', 'ASC')
          .addOrderBy('p.id', 'ASC')
          .limit(1)
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getOne();
        if (!claimed) return 'NONE';
        const zip = await this.packages.zip(claimed.snapshot!, `${claimed.caseId} (${claimed.event})`);
        const stored = await this.store.put(m, zip.stream);
        await m.update(
          CaseFilePackage,
          { id: claimed.id, status: 'PENDING' },
          {
            status: 'STORED',
            contentKey: stored.key,
            sha256: stored.sha256,
            sizeBytes: stored.size,
            files: zip.files.length,
            builtAt: this.clock.now(),
            snapshot: null,
            attempts: claimed.attempts + 1,
            lastError: null,
            failureReason: null,
          },
        );
        this.logger.log(`file package ${claimed.id} of case ${claimed.caseId} stored: ${stored.size} bytes`);
        return 'BUILT';
      });
    } catch (error) {
      // The transaction rolled back (nothing stored); the package waits for its next attempt, or is given up.
      if (!claimed) throw error;
      const failed: CaseFilePackage = claimed;
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`file package ${failed.id} of case ${failed.caseId} failed: ${message}`);
      await this.recordFailure(failed, message, failureReason(error));
      return 'FAILED';
    }
  }

  /**
   * A failed attempt: tried again after the back-off, or, at FILE_PACKAGE_MAX_ATTEMPTS, FAILED with an event in
   * the case's history and a notice to the clerk who handed the case over and the court's administrators.
   */
  private async recordFailure(failed: CaseFilePackage, lastError: string, reason: string): Promise<void> {
    const attempts = failed.attempts + 1;
    const now = this.clock.now();
    const common = { attempts, lastError: lastError.slice(0, 1000), failureReason: reason };
    await this.dataSource.transaction(async (m) => {
      const where = { id: failed.id, status: 'PENDING' as const };
      if (attempts < FILE_PACKAGE_MAX_ATTEMPTS) {
        const nextAttemptAt = new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000);
        await m.update(CaseFilePackage, where, { ...common, nextAttemptAt });
        return;
      }
      const given = await m.update(CaseFilePackage, where, { ...common, status: 'FAILED', failedAt: now });
      if (given.affected !== 1) return;
      const c = await m.findOneByOrFail(Case, { id: failed.caseId });
      await recordCaseEvent(this.audit, m, null, c, 'CASE_FILE_PACKAGE_FAILED', null, {
        packageId: failed.id,
        fileName: failed.fileName,
        attempts,
        reason,
      });
      await this.notifications.filePackageFailed(m, c, { id: failed.id, attempts, reason, rebuilds: failed.rebuilds });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
