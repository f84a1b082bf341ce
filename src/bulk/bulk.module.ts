import { Module } from '@nestjs/common';
import { MediationModule } from '../mediation/mediation.module.js';
import { ReferralModule } from '../referral/referral.module.js';
import { TrialModule } from '../trial/trial.module.js';
import { BatchStepsController } from './batch-steps.controller.js';
import { BatchStepsService } from './batch-steps.service.js';
import { BulkQueries } from './bulk-queries.js';
import { BulkRuns } from './bulk-runs.js';

/** 批量处理: the steps of a bank's batch in bulk, each case through its module's own service. */
@Module({
  imports: [ReferralModule, MediationModule, TrialModule],
  controllers: [BatchStepsController],
  providers: [BatchStepsService, BulkQueries, BulkRuns],
  exports: [BatchStepsService],
})
export class BulkModule {}
