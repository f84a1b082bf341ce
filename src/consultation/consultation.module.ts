import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CaseConsultationsController } from './case-consultations.controller.js';
import { ConsultationAttachment } from './consultation-attachment.entity.js';
import { ConsultationAttachmentService } from './consultation-attachment.service.js';
import { CONSULTATION_CONFIG, loadConsultationConfig } from './consultation-config.js';
import { ConsultationEscalationService } from './consultation-escalation.service.js';
import { ConsultationLetterCounter } from './consultation-letter-counter.entity.js';
import { ConsultationLetter } from './consultation-letter.entity.js';
import { ConsultationReadService } from './consultation-read.service.js';
import { ConsultationReply } from './consultation-reply.entity.js';
import { ConsultationQueries } from './consultation-queries.js';
import { ConsultationController } from './consultation.controller.js';
import { ConsultationService } from './consultation.service.js';
import { LetterNumberService } from './letter-number.service.js';
import { ProvisionalDueDatesService } from './provisional-due-dates.service.js';

/** Enforceability consultation letters (执行咨询函): sending, inbox, replies, attachments, escalation. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ConsultationLetter,
      ConsultationReply,
      ConsultationAttachment,
      ConsultationLetterCounter,
    ]),
    CalendarModule,
    NotificationsModule,
  ],
  controllers: [ConsultationController, CaseConsultationsController],
  providers: [
    // Read and checked once at start-up: a bad file stops the app.
    { provide: CONSULTATION_CONFIG, useFactory: loadConsultationConfig },
    ConsultationQueries,
    ConsultationService,
    ConsultationReadService,
    ConsultationAttachmentService,
    ConsultationEscalationService,
    LetterNumberService,
    ProvisionalDueDatesService,
  ],
  exports: [
    ConsultationReadService,
    ConsultationEscalationService,
    // For the pages (src/web), which call the services directly.
    ConsultationService,
    ConsultationAttachmentService,
  ],
})
export class ConsultationModule {}
