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
import { ConsultationPagesController } from './consultation-pages.controller.js';
import { ConsultationPagesService } from './consultation-pages.service.js';
import { ConsultationSectionService } from './consultation-section.service.js';
import { MediationSectionService } from './mediation-section.service.js';
import { MediatorPagesController } from './mediator-pages.controller.js';
import { MediatorPagesService } from './mediator-pages.service.js';
import { ApiNotFoundController, NotFoundPagesController } from './not-found-pages.controller.js';
import { NotificationPagesController } from './notification-pages.controller.js';
import { NotificationPagesService } from './notification-pages.service.js';
import { UnreadNotificationsInterceptor } from './unread-notifications.interceptor.js';
import { AssignmentModule } from '../assignment/assignment.module.js';
import { ReferralModule } from '../referral/referral.module.js';
import { AdminRulesPagesController } from './admin-rules-pages.controller.js';
import { AdminRulesPagesService } from './admin-rules-pages.service.js';
import { AssignmentSectionsService } from './assignment-sections.js';
import { BatchPageService } from './batch-page.service.js';
import { BulkAssignmentPageService } from './bulk-assignment-page.service.js';
import { ClerkPagesController } from './clerk-pages.controller.js';
import { ClerkPagesService } from './clerk-pages.service.js';
import { CoordinationPagesController } from './coordination-pages.controller.js';
import { CoordinationPagesService } from './coordination-pages.service.js';
import { ReferralSectionsService } from './referral-sections.js';
import { RosterPagesController } from './roster-pages.controller.js';
import { RosterPagesService } from './roster-pages.service.js';
import { WorklistPageService } from './worklist-page.service.js';
import { AdminPagesController } from './admin-pages.controller.js';
import { AdminPagesService } from './admin-pages.service.js';
import { AssetsController } from './assets.controller.js';
import { CasePagesController } from './case-pages.controller.js';
import { CasePagesService } from './case-pages.service.js';
import { CourtPageService } from './court-page.service.js';
import { CourtPagesController } from './court-pages.controller.js';
import { CsrfGuard, CsrfTokens } from './csrf.js';
import { DashboardService } from './dashboard.service.js';
import { HomeController } from './home.controller.js';
import { PageExceptionFilter } from './page-exception.filter.js';
import { OptionalSessionGuard } from './optional-session.guard.js';
import { PageRenderer } from './page-renderer.js';
import { StaticAssets } from './static-assets.js';
import { StatisticsPagesController } from './statistics-pages.controller.js';
import { StatisticsPagesService } from './statistics-pages.service.js';
import { UpwardStatisticsPagesController } from './upward-statistics-pages.controller.js';
import { UpwardStatisticsPagesService } from './upward-statistics-pages.service.js';
import { SubsidyRatesPageService } from './subsidy-rates-page.service.js';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { WebAuthController } from './web-auth.controller.js';
import { WebAuthService } from './web-auth.service.js';
import { RatingPageController } from './rating-page.controller.js';
import { RatingPageService } from './rating-page.service.js';
import { CaseDocumentPagesController } from './case-document-pages.controller.js';
import { CaseDocumentPagesService } from './case-document-pages.service.js';

/** The pages people use (server-rendered Chinese HTML), by role. See README "Pages". */
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
  ],
  controllers: [
    WebAuthController,
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
    CaseDocumentPagesController,
    ApiNotFoundController,
    NotFoundPagesController,
  ],
  providers: [
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
    CaseDocumentPagesService,
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
