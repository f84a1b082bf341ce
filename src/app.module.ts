import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { APP_OPTIONS, type AppOptions } from './app-options.js';
import { AgreementSigningModule } from './agreement-signing/agreement-signing.module.js';
import { AssignmentModule } from './assignment/assignment.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BulkModule } from './bulk/bulk.module.js';
import { CaseFileModule } from './casefile/casefile.module.js';
import { ExchangeModule } from './exchange/exchange.module.js';
import { CasesModule } from './cases/cases.module.js';
import { CorrectionsModule } from './corrections/corrections.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { Clock, SystemClock } from './common/clock.js';
import { ConsultationModule } from './consultation/consultation.module.js';
import { CourtsModule } from './courts/courts.module.js';
import { DocumentsModule } from './common/documents.module.js';
import { IdempotencyModule } from './common/http/idempotency.module.js';
import { appConnectionOptions } from './database/database.js';
import { IntakeModule } from './intake/intake.module.js';
import { HealthModule } from './health/health.module.js';
import { loggerOptions } from './logging.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ReferralModule } from './referral/referral.module.js';
import { MediationModule } from './mediation/mediation.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RemindersModule } from './reminders/reminders.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { MessagesModule } from './messages/messages.module.js';
import { PartyModule } from './party/party.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { TrialModule } from './trial/trial.module.js';
import { UsersModule } from './users/users.module.js';
import { WebModule } from './web/web.module.js';

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(options.logLevel, options.logFormat)),
        TypeOrmModule.forRoot({
          ...appConnectionOptions(options.databaseUrl, options.poolSize),
          autoLoadEntities: true,
        }),
        ...(options.runScheduledJobs ? [ScheduleModule.forRoot()] : []),
        AuditModule,
        DocumentsModule.forRoot(options.documents),
        CasesModule,
        IdempotencyModule,
        AuthModule,
        CourtsModule,
        UsersModule,
        CalendarModule,
        IntakeModule,
        CorrectionsModule,
        ReferralModule,
        MediationModule,
        BulkModule,
        NotificationsModule,
        RemindersModule,
        SchedulingModule,
        ConsultationModule,
        CaseFileModule,
        ExchangeModule,
        MessagesModule,
        PartyModule,
        AgreementSigningModule,
        AssignmentModule,
        TrialModule,
        WebModule,
        StatisticsModule,
        HealthModule,
        MetricsModule,
      ],
      providers: [
        { provide: APP_OPTIONS, useValue: options },
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
      ],
      exports: [APP_OPTIONS, Clock],
    };
  }
}
