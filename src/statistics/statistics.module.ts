import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { caseTypeNames } from '../cases/case-types.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { MediationModule } from '../mediation/mediation.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { CourtFiling } from './court-filing.entity.js';
import { FilingsService } from './filings.service.js';
import { MonthlyExtrasService } from './monthly-extras.service.js';
import { OverdueService } from './overdue.service.js';
import { StatisticsFollowUpController } from './statistics-follow-up.controller.js';
import { StatisticsFiguresService } from './monthly-figures.js';
import { MonthlyStatisticsService } from './monthly-statistics.service.js';
import { PartyRating } from './party-rating.entity.js';
import { PublicRatingController } from './public-rating.controller.js';
import { PublicRatingService } from './public-rating.service.js';
import { StatisticsExportService } from './statistics-export.service.js';
import { StatisticsSnapshot } from './statistics-snapshot.entity.js';
import { StatisticsController } from './statistics.controller.js';
import { SubsidiesController } from './subsidies.controller.js';
import { SubsidiesService } from './subsidies.service.js';
import { SubsidyRate } from './subsidy-rate.entity.js';
import { DEFAULT_SUBSIDY_RATES, loadDefaultSubsidyRates } from './subsidy-rules.js';
import { WarningsBoardService } from './warnings-board.service.js';
import { WarningsController } from './warnings.controller.js';
import { UpwardReportingController } from './upward-reporting.controller.js';
import { AuthModule } from '../auth/auth.module.js';
import { RatingOrigins } from './rating-origin.js';
import { UpwardReportingService } from './upward-reporting.service.js';
import { WeeklyBulletinService } from './weekly-bulletin.service.js';

/** Statistics: monthly indicators and month close, exports, weekly bulletin, subsidies, warnings, ratings. */
import { StatisticsQueries } from './statistics-queries.js';
import { UpwardReportingQueries } from './upward-reporting-queries.js';
import { WarningsBoardQueries } from './warnings-board-queries.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([PartyRating, StatisticsSnapshot, SubsidyRate, CourtFiling]),
    MediationModule,
    CalendarModule,
    RemindersModule,
    AuthModule,
  ],
  controllers: [
    StatisticsController,
    UpwardReportingController,
    SubsidiesController,
    PublicRatingController,
    WarningsController,
    StatisticsFollowUpController,
  ],
  providers: [
    { provide: DEFAULT_SUBSIDY_RATES, useFactory: () => loadDefaultSubsidyRates(caseTypeNames()) },
    StatisticsQueries,
    WarningsBoardQueries,
    StatisticsFiguresService,
    MonthlyStatisticsService,
    StatisticsExportService,
    WeeklyBulletinService,
    SubsidiesService,
    PublicRatingService,
    RatingOrigins,
    WarningsBoardService,
    UpwardReportingService,
    UpwardReportingQueries,
    FilingsService,
    OverdueService,
    MonthlyExtrasService,
  ],
  // The statistician's and administrator's pages (src/web) call these directly.
  exports: [
    MonthlyStatisticsService,
    StatisticsExportService,
    WeeklyBulletinService,
    SubsidiesService,
    UpwardReportingService,
    PublicRatingService,
    FilingsService,
    OverdueService,
    RatingOrigins,
  ],
})
export class StatisticsModule {}
