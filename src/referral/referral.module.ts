import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferralQueries } from './referral-queries.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { IntakeModule } from '../intake/intake.module.js';
import { FilingTransferController } from './filing-transfer.controller.js';
import { FilingTransfer } from './filing-transfer.entity.js';
import { FilingTransferService } from './filing-transfer.service.js';
import { NoticeRule } from './notice-rule.entity.js';
import { NoticeRulesController } from './notice-rules.controller.js';
import { NoticeRulesService } from './notice-rules.service.js';
import { PartyAnswer } from './party-answer.entity.js';
import { PartyAnswersController } from './party-answers.controller.js';
import { PartyAnswersService } from './party-answers.service.js';
import { PartyRatingCode } from './party-rating-code.entity.js';
import { ReferralNoticeController } from './referral-notice.controller.js';
import { ReferralNotice } from './referral-notice.entity.js';
import { ReferralNoticeService } from './referral-notice.service.js';

/** Referral: notice rules, notices and their PDFs, the parties' answers, transfer to filing. */
@Module({
  imports: [
    TypeOrmModule.forFeature([NoticeRule, ReferralNotice, PartyRatingCode, PartyAnswer, FilingTransfer]),
    IntakeModule,
    CalendarModule,
  ],
  controllers: [NoticeRulesController, ReferralNoticeController, PartyAnswersController, FilingTransferController],
  providers: [ReferralQueries, NoticeRulesService, ReferralNoticeService, PartyAnswersService, FilingTransferService],
  exports: [
    ReferralQueries,
    NoticeRulesService,
    TypeOrmModule,
    ReferralNoticeService,
    PartyAnswersService,
    FilingTransferService,
  ],
})
export class ReferralModule {}
