import { Global, Module } from '@nestjs/common';
import { CaseOps } from './case-ops.js';
import { CaseReader } from './case-reader.service.js';
import { CaseWriteGuard } from './case-write-guard.js';
import { CasesQueries } from './cases-queries.js';
import { TransferRecords } from './file-package-link.js';

/** The case kernel: the runner every case step goes through (and the guard that no one else writes a case), and
 * the finders for the pages. */
@Global()
@Module({
  providers: [CasesQueries, CaseOps, CaseReader, CaseWriteGuard, TransferRecords],
  exports: [CaseOps, CaseReader, TransferRecords],
})
export class CasesModule {}
