import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
// Registers the demo roster with the demo seed when the module is loaded.
import './assignment-demo.js';
import { BulkAssignmentController, CaseAssignmentController } from './assignment.controller.js';
import { Assignment } from './assignment.entity.js';
import { AssignmentService } from './assignment.service.js';
import { BulkAssignmentService } from './bulk-assignment.service.js';
import { MediationOrganization } from './mediation-organization.entity.js';
import { MediationOrganizationsService } from './mediation-organizations.service.js';
import { MediatorRecusal } from './mediator-recusal.entity.js';
import { Mediator } from './mediator.entity.js';
import { MediatorsService } from './mediators.service.js';
import { MediationOrganizationsController, MediatorsController } from './roster.controller.js';
import { SuggestionsService } from './suggestions.service.js';
import { RosterQueries } from './roster-queries.js';
import { WaitingQueueService } from './waiting-queue-queries.js';

/** Roster (organizations, mediators), suggestions, assignment, recusal, bulk assignment. */
@Module({
  imports: [
    TypeOrmModule.forFeature([MediationOrganization, Mediator, Assignment, MediatorRecusal]),
    NotificationsModule,
  ],
  controllers: [
    MediationOrganizationsController,
    MediatorsController,
    CaseAssignmentController,
    BulkAssignmentController,
  ],
  providers: [
    MediationOrganizationsService,
    MediatorsService,
    SuggestionsService,
    AssignmentService,
    BulkAssignmentService,
    WaitingQueueService,
    RosterQueries,
  ],
  exports: [
    AssignmentService,
    MediatorsService,
    SuggestionsService,
    MediationOrganizationsService,
    BulkAssignmentService,
    WaitingQueueService,
  ],
})
export class AssignmentModule {}
