import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CorrectionsQueries } from './corrections-queries.js';
import { CorrectionsController } from './corrections.controller.js';
import { CorrectionsService } from './corrections.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OutcomeCorrectionsService } from './outcome-corrections.service.js';
import { PartyAgent } from '../cases/party-agent.entity.js';
import { StepCorrectionsService } from './step-corrections.service.js';

/** Corrections of a registration, the parties' agents, and 撤销登记 (issue #29 part 2). */
@Module({
  imports: [TypeOrmModule.forFeature([PartyAgent]), NotificationsModule],
  controllers: [CorrectionsController],
  providers: [CorrectionsService, CorrectionsQueries, StepCorrectionsService, OutcomeCorrectionsService],
  exports: [CorrectionsService, OutcomeCorrectionsService, StepCorrectionsService],
})
export class CorrectionsModule {}
