import { BulkModule } from '../bulk/bulk.module.js';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AuthModule } from '../auth/auth.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { CourtsModule } from '../courts/courts.module.js';
import { IntakeModule } from '../intake/intake.module.js';
import { UsersModule } from '../users/users.module.js';
import { ConsultationModule } from '../consultation/consultation.module.js';
import { MediationModule } from '../mediation/mediation.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { AgendaPagesController } from './agenda/agenda-pages.controller.js';
import { AgendaPagesService } from './agenda/agenda-pages.service.js';
import { ScheduleSectionService } from './agenda/schedule-section.service.js';
import { ConsultationPagesController } from './consultation/consultation-pages.controller.js';
import { ConsultationPagesService } from './consultation/consultation-pages.service.js';
import { ConsultationSectionService } from './consultation/consultation-section.service.js';
import { MediationSectionService } from './mediation/mediation-section.service.js';
import { MediatorPagesController } from './mediation/mediator-pages.controller.js';
import { MediatorPagesService } from './mediation/mediator-pages.service.js';
import { ApiNotFoundController, NotFoundPagesController } from './not-found-pages.controller.js';
import { NotificationPagesController } from './account/notification-pages.controller.js';
import { NotificationPagesService } from './account/notification-pages.service.js';
import { UnreadNotificationsInterceptor } from './kit/unread-notifications.interceptor.js';
import { CourtPlaceInterceptor } from './kit/court-place.interceptor.js';
import { AssignmentModule } from '../assignment/assignment.module.js';
import { ReferralModule } from '../referral/referral.module.js';
import { AdminRulesPagesController } from './admin/admin-rules-pages.controller.js';
import { AdminRulesPagesService } from './admin/admin-rules-pages.service.js';
import { AssignmentSectionsService } from './coordination/assignment-sections.js';
import { BatchPageService } from './clerk/batch-page.service.js';
import { BulkAssignmentPageService } from './coordination/bulk-assignment-page.service.js';
import { ClerkPagesController } from './clerk/clerk-pages.controller.js';
import { ClerkPagesService } from './clerk/clerk-pages.service.js';
import { CoordinationPagesController } from './coordination/coordination-pages.controller.js';
import { CoordinationPagesService } from './coordination/coordination-pages.service.js';
import { ReferralSectionsService } from './clerk/referral-sections.js';
import { RosterPagesController } from './coordination/roster-pages.controller.js';
import { RosterPagesService } from './coordination/roster-pages.service.js';
import { WorklistPageService } from './cases/worklist-page.service.js';
import { AdminPagesController } from './admin/admin-pages.controller.js';
import { AdminPagesService } from './admin/admin-pages.service.js';
import { AssetsController } from './kit/assets.controller.js';
import { CasePagesController } from './cases/case-pages.controller.js';
import { CasePagesService } from './cases/case-pages.service.js';
import { CourtPageService } from './admin/court-page.service.js';
import { CourtPagesController } from './admin/court-pages.controller.js';
import { CsrfGuard, CsrfTokens } from './kit/csrf.js';
import { DashboardService } from './account/dashboard.service.js';
import { HomeController } from './account/home.controller.js';
import { PageExceptionFilter } from './kit/page-exception.filter.js';
import { OptionalSessionGuard } from './kit/optional-session.guard.js';
import { PageRenderer } from './kit/page-renderer.js';
import { StaticAssets } from './kit/static-assets.js';
import { StatisticsPagesController } from './statistics/statistics-pages.controller.js';
import { StatisticsPagesService } from './statistics/statistics-pages.service.js';
import { UpwardStatisticsPagesController } from './statistics/upward-statistics-pages.controller.js';
import { UpwardStatisticsPagesService } from './statistics/upward-statistics-pages.service.js';
import { SubsidyRatesPageService } from './admin/subsidy-rates-page.service.js';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { WebAuthController } from './account/web-auth.controller.js';
import { PasswordPageController } from './account/password-page.controller.js';
import { SecondFactorPageController } from './account/second-factor-page.controller.js';
import { SecondFactorPageService } from './account/second-factor-page.service.js';
import { PasswordPageService } from './account/password-page.service.js';
import { WebAuthService } from './account/web-auth.service.js';
import { RatingPageController } from './statistics/rating-page.controller.js';
import { RatingPageService } from './statistics/rating-page.service.js';
import { CaseDocumentPagesController } from './cases/case-document-pages.controller.js';
import { CaseDocumentPagesService } from './cases/case-document-pages.service.js';
import { CaseFileModule } from '../casefile/casefile.module.js';
import { ExchangeModule } from '../exchange/exchange.module.js';
import { ImportPagesController } from './exchange/import-pages.controller.js';
import { ImportPagesService } from './exchange/import-pages.service.js';
import { MessagesModule } from '../messages/messages.module.js';
import { PartyModule } from '../party/party.module.js';
import { AgreementSigningModule } from '../agreement-signing/agreement-signing.module.js';
import { PersonalDataReadsPageController } from './admin/personal-data-reads-page.controller.js';
import { OutboxPageController } from './party/outbox-page.controller.js';
import { PartyOnlineSectionController } from './party/party-online-section.controller.js';
import { CasePartySectionsController } from './party/case-party-sections.controller.js';
import { PartyPagesController } from './party/party-pages.controller.js';
import { PartyPagesService } from './party/party-pages.service.js';
import { CaseFilePagesController } from './casefile/casefile-pages.controller.js';
import { CorrectionsPagesController } from './corrections/corrections-pages.controller.js';
import { CorrectionsPagesService } from './corrections/corrections-pages.service.js';
import { CorrectionsSectionService } from './corrections/corrections-section.service.js';
import { CorrectionsModule } from '../corrections/corrections.module.js';
import { CaseFilePagesService } from './casefile/casefile-pages.service.js';
import { CaseFileSectionService } from './casefile/casefile-section.service.js';
import { TrialModule } from '../trial/trial.module.js';
import { TrialPagesController } from './trial/trial-pages.controller.js';
import { TrialPagesService } from './trial/trial-pages.service.js';
import { TrialSectionsService } from './trial/trial-sections.js';

/** The pages people use (server-rendered Chinese HTML), by role. See docs/pages.md. */
@Module({
  imports: [
    AuthModule,
    IntakeModule,
    UsersModule,
    CalendarModule,
    CourtsModule,
    ReferralModule,
    AssignmentModule,
    MediationModule,
    ConsultationModule,
    NotificationsModule,
    StatisticsModule,
    BulkModule,
    CaseFileModule,
    ExchangeModule,
    CorrectionsModule,
    TrialModule,
    RemindersModule,
    SchedulingModule,
    MessagesModule,
    PartyModule,
    AgreementSigningModule,
  ],
  controllers: [
    WebAuthController,
    PasswordPageController,
    SecondFactorPageController,
    HomeController,
    CasePagesController,
    AdminPagesController,
    AssetsController,
    MediatorPagesController,
    ConsultationPagesController,
    NotificationPagesController,
    StatisticsPagesController,
    UpwardStatisticsPagesController,
    ClerkPagesController,
    CoordinationPagesController,
    RosterPagesController,
    AdminRulesPagesController,
    CourtPagesController,
    RatingPageController,
    PartyPagesController,
    OutboxPageController,
    PersonalDataReadsPageController,
    PartyOnlineSectionController,
    CasePartySectionsController,
    CaseDocumentPagesController,
    CaseFilePagesController,
    ImportPagesController,
    CorrectionsPagesController,
    TrialPagesController,
    AgendaPagesController,
    ApiNotFoundController,
    NotFoundPagesController,
  ],
  providers: [
    PasswordPageService,
    SecondFactorPageService,
    PageRenderer,
    PageExceptionFilter,
    CsrfTokens,
    CsrfGuard,
    StaticAssets,
    WebAuthService,
    DashboardService,
    CasePagesService,
    AdminPagesService,
    UnreadNotificationsInterceptor,
    CourtPlaceInterceptor,
    MediationSectionService,
    ConsultationSectionService,
    MediatorPagesService,
    ConsultationPagesService,
    NotificationPagesService,
    StatisticsPagesService,
    UpwardStatisticsPagesService,
    ReferralSectionsService,
    AssignmentSectionsService,
    WorklistPageService,
    ClerkPagesService,
    BatchPageService,
    CoordinationPagesService,
    BulkAssignmentPageService,
    RosterPagesService,
    AdminRulesPagesService,
    SubsidyRatesPageService,
    CourtPageService,
    RatingPageService,
    PartyPagesService,
    CaseDocumentPagesService,
    CaseFileSectionService,
    CaseFilePagesService,
    ImportPagesService,
    CorrectionsSectionService,
    CorrectionsPagesService,
    TrialPagesService,
    TrialSectionsService,
    AgendaPagesService,
    ScheduleSectionService,
    OptionalSessionGuard,
  ],
})
export class WebModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly pages: PageRenderer,
  ) {}

  /** `reply.view` is how Nest's @Render reaches a template engine on Fastify: here, the page renderer. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const pages = this.pages;
    fastify.decorateReply('view', function (this: FastifyReply, template: string, result: unknown) {
      return pages.send(this, template, result);
    });
  }
}
