import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CaseBatchController } from './case-batch.controller.js';
import { CaseBatch } from './case-batch.entity.js';
import { CaseBatchService } from './case-batch.service.js';
import { CaseListService } from './case-list.service.js';
import { CaseNumberCounter } from './case-number-counter.entity.js';
import { CaseNumberService } from './case-number.service.js';
import { CasePartyService } from './case-party.service.js';
import { Case } from '../cases/case.entity.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';
import { TrialProcedureService } from './trial-procedure.service.js';
import { Party } from '../cases/party.entity.js';
import { IntakeQueries } from './intake-queries.js';

@Module({
  imports: [TypeOrmModule.forFeature([Case, Party, CaseNumberCounter, CaseBatch]), NotificationsModule],
  controllers: [CaseBatchController, IntakeController],
  providers: [
    IntakeQueries,
    IntakeService,
    CaseNumberService,
    CaseListService,
    CasePartyService,
    CaseBatchService,
    TrialProcedureService,
  ],
  exports: [
    IntakeService,
    CaseNumberService,
    TypeOrmModule,
    CaseListService,
    CasePartyService,
    CaseBatchService,
    TrialProcedureService,
  ],
})
export class IntakeModule {}
