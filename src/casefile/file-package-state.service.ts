// The state of a case's electronic file (电子卷宗) for the API and the case page, and a clerk's rebuild of one that
// failed: the package goes back to be built from what was handed over (its snapshot is kept until it is stored),
// its attempts start again, the request is in the case's history and the failure's notices are done.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hasPermission } from '../auth/permissions.js';
import { loadCase } from '../cases/case-access.js';
import { CaseOps } from '../cases/case-ops.js';
import { recordCaseEvent } from '../cases/case-history.js';
import type { Case } from '../cases/case.entity.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { ConflictError, ForbiddenError } from '../common/errors.js';
import { markNotificationsDone } from '../notifications/notification.service.js';
import { CaseFilePackage } from './case-file-package.entity.js';
import { CasefileQueries, findLatestPackage } from './casefile-queries.js';
import { filePackageView, type FilePackageView } from './casefile-view.js';
import { FilePackageBuilder } from './file-package-builder.js';

const NOT_FAILED: Record<FilePackageView['state'], string> = {
  NONE: '本案尚未移送，没有随案生成的电子卷宗，无需重新生成',
  BUILDING: '电子卷宗正在生成，无需重新生成',
  STORED: '电子卷宗已生成，无需重新生成',
  FAILED: '',
};

/** 409: only a package the builder gave up on is rebuilt. */
const filePackageNotFailed = (state: FilePackageView['state']) =>
  new ConflictError('FILE_PACKAGE_NOT_FAILED', NOT_FAILED[state], { state });

@Injectable()
export class FilePackageStateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CasefileQueries,
    private readonly cases: CaseOps,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly builder: FilePackageBuilder,
  ) {}

  /** For an integration: whether the package can be downloaded, and if not, why. */
  async state(actor: Actor, caseId: string): Promise<FilePackageView> {
    if (!hasPermission(actor, 'casefile.package')) throw new ForbiddenError();
    const c = await this.cases.read(actor, caseId);
    return filePackageView(c, await this.queries.latestPackage(c.id));
  }

  /** For the case page, of a case already read for its viewer. */
  async ofCase(c: Case): Promise<FilePackageView> {
    return filePackageView(c, await this.queries.latestPackage(c.id));
  }

  /** 重新生成: a FAILED package back to be built now (409 otherwise), recorded in the case's history. */
  async rebuild(actor: Actor, caseId: string): Promise<FilePackageView> {
    if (!hasPermission(actor, 'casefile.rebuildPackage')) throw new ForbiddenError();
    const view = await this.dataSource.transaction(async (m) => {
      const c = await loadCase(m, actor, caseId);
      const p = await findLatestPackage(m, c.id, true);
      if (p?.status !== 'FAILED') throw filePackageNotFailed(filePackageView(c, p).state);
      const now = this.clock.now();
      await m.update(
        CaseFilePackage,
        { id: p.id, status: 'FAILED' },
        {
          status: 'PENDING',
          attempts: 0,
          nextAttemptAt: now,
          failedAt: null,
          failureReason: null,
          lastError: null,
          rebuilds: p.rebuilds + 1,
        },
      );
      await recordCaseEvent(this.audit, m, actor, c, 'CASE_FILE_PACKAGE_REBUILD_REQUESTED', null, {
        packageId: p.id,
        fileName: p.fileName,
        failedAttempts: p.attempts,
        reason: p.failureReason,
      });
      await markNotificationsDone(m, { subjectType: 'CASE', subjectId: c.id, kinds: ['FILE_PACKAGE_FAILED'] }, now);
      return filePackageView(c, await m.findOneByOrFail(CaseFilePackage, { id: p.id }));
    });
    this.builder.buildSoon();
    return view;
  }
}
