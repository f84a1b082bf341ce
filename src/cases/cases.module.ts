import { Global, Module } from '@nestjs/common';
import { CaseOps } from './case-ops.js';

/** The case kernel: the runner every case step goes through. */
@Global()
@Module({ providers: [CaseOps], exports: [CaseOps] })
export class CasesModule {}
