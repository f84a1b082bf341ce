import { Global, Module } from '@nestjs/common';
import { CaseOps } from './case-ops.js';
import { CaseReader } from './case-reader.service.js';

/** The case kernel: the runner every case step goes through, and the finders for the pages. */
@Global()
@Module({ providers: [CaseOps, CaseReader], exports: [CaseOps, CaseReader] })
export class CasesModule {}
