// Where a case's electronic file (电子卷宗) is downloaded, and the kernel's hook through which the case-file module
// records, inside a transfer's own transaction, that the file is ready (src/casefile/file-package-ready.ts). The
// transfer steps (referral, trial) read both from here, so that they do not depend on the case-file module, which
// depends on them for the documents it packs.
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { API } from '../common/http/api-prefix.js';
import { object, str } from '../common/http/api-docs.js';
import type { AlsoRecorded } from './case-ops.js';
import { CASE_TRANSITIONS, type CaseOperation } from './case-state-machine.js';
import type { Case } from './case.entity.js';

/** `电子卷宗(2026)京0105民初123号.zip`: the package's file name, by its latest number. */
export function filePackageName(c: Pick<Case, 'id' | 'filingNumber' | 'prelitigationNumber'>): string {
  return `电子卷宗${c.filingNumber ?? c.prelitigationNumber ?? c.id}.zip`;
}

/** Where the package is downloaded: by an integration (`href`) and on the case page (`page`). */
export function filePackageLink(c: Pick<Case, 'id' | 'filingNumber' | 'prelitigationNumber'>) {
  return {
    fileName: filePackageName(c),
    href: `/${API}/cases/${c.id}/file-package`,
    page: `/cases/${c.id}/file-package`,
  };
}

/** The electronic file made ready by a transfer: where to download it (a step's answer carries it). */
export const filePackageLinkSchema = object(
  {
    fileName: str('电子卷宗的文件名（电子卷宗<案号>.zip）'),
    href: str('API 下载地址（GET，ZIP）'),
    page: str('页面下载地址'),
  },
  '随案生成的电子卷宗',
);

/**
 * What a transfer records beside its own event: the case file's package requested (and what it is made of),
 * once the case-file module registers. `event` is the history action of the transfer's own step.
 */
export type TransferRecord = (m: EntityManager, c: Case, event: string) => Promise<AlsoRecorded>;

@Injectable()
export class TransferRecords {
  private readonly recorders: TransferRecord[] = [];
  private readonly listeners: (() => void)[] = [];

  register(recorder: TransferRecord, afterCommit?: () => void): void {
    this.recorders.push(recorder);
    if (afterCommit) this.listeners.push(afterCommit);
  }

  /**
   * The events to record right after a transfer's own, for its step `step`: a `StepRecord.alsoRecorded` called
   * once the case is saved and the step's own event recorded.
   */
  of(m: EntityManager, c: Case, step: CaseOperation): () => Promise<AlsoRecorded[]> {
    return async () => {
      const records = [];
      for (const recorder of this.recorders) records.push(await recorder(m, c, CASE_TRANSITIONS[step].event));
      return records;
    };
  }

  /** After the transfer's transaction committed: what was requested in it may start (the package's build). */
  committed(): void {
    for (const listener of this.listeners) listener();
  }
}
