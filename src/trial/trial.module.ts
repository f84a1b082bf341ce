import { Module } from '@nestjs/common';
import { TrialQueries } from './trial-queries.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { FeeSettings, loadFeeSettings } from './fee-config.js';
import { FeeNotice } from './fee-notice.entity.js';
import { FeeOverdueScanService } from './fee-overdue-scan.service.js';
import { ProvisionalFeeDatesService } from './provisional-fee-dates.service.js';
import { TrialController } from './trial.controller.js';
import { TrialFeeService } from './trial-fee.service.js';

/** To trial through the fee (先行调解 → 交费通知 → 转入审理 or 按撤诉处理). See docs/trial.md. */
@Module({
  imports: [TypeOrmModule.forFeature([FeeNotice]), CalendarModule, NotificationsModule],
  controllers: [TrialController],
  providers: [
    { provide: FeeSettings, useFactory: loadFeeSettings },
    TrialQueries,
    TrialFeeService,
    FeeOverdueScanService,
    ProvisionalFeeDatesService,
  ],
  // For the pages (src/web), which call the service directly.
  exports: [TrialFeeService, FeeOverdueScanService],
})
export class TrialModule {}
