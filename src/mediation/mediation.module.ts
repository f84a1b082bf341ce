import { Module } from '@nestjs/common';
import { MediationQueries } from './mediation-queries.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module.js';
import { ConsultationModule } from '../consultation/consultation.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CaseMediationController } from './case-mediation.controller.js';
import { CaseWarning } from './case-warning.entity.js';
import { DeadlineScanService } from './deadline-scan.service.js';
import { Extension } from './extension.entity.js';
import { ExtensionsService } from './extensions.service.js';
import { JudicialConfirmation } from './judicial-confirmation.entity.js';
import { JudicialConfirmationService } from './judicial-confirmation.service.js';
import { loadMediationSettings, MediationConfig } from './mediation-config.js';
import { MediationOutcome } from './mediation-outcome.entity.js';
import { MediationSession } from './mediation-session.entity.js';
import { MediationWorkspaceController } from './mediation-workspace.controller.js';
import { OutcomesService } from './outcomes.service.js';
import { ProvisionalDeadlinesService } from './provisional-deadlines.service.js';
import { SessionsService } from './sessions.service.js';
import { SettlementFollowUpService } from './settlement-follow-up.service.js';
import { WarningsService } from './warnings.service.js';
import { WorkspaceService } from './workspace.service.js';
import { MediationAgreementService } from './mediation-agreement.service.js';
import { MaterialsReceiptService } from './materials-receipt.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([MediationSession, Extension, MediationOutcome, JudicialConfirmation, CaseWarning]),
    CalendarModule,
    ConsultationModule,
    NotificationsModule,
  ],
  controllers: [CaseMediationController, MediationWorkspaceController],
  providers: [
    { provide: MediationConfig, useFactory: loadMediationSettings },
    MediationQueries,
    SessionsService,
    MaterialsReceiptService,
    ExtensionsService,
    OutcomesService,
    SettlementFollowUpService,
    JudicialConfirmationService,
    DeadlineScanService,
    WarningsService,
    WorkspaceService,
    ProvisionalDeadlinesService,
    MediationAgreementService,
  ],
  exports: [
    DeadlineScanService,
    SettlementFollowUpService,
    JudicialConfirmationService,
    MediationConfig,
    // For the pages (src/web), which call the services directly.
    SessionsService,
    MaterialsReceiptService,
    ExtensionsService,
    OutcomesService,
    WorkspaceService,
    MediationAgreementService,
    // GET /warnings is served by the statistics module, which adds overdue consultation letters.
    WarningsService,
  ],
})
export class MediationModule {}
