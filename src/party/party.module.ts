import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../calendar/calendar.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ReferralModule } from '../referral/referral.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { IdentityVerifier, RecordsIdentityVerifier } from './identity-verifier.js';
import { MediatorChoiceService } from './mediator-choice.service.js';
import { PartyAuthGuard } from './party-auth.guard.js';
import { PartyCaseExtrasService } from './party-case-extras.service.js';
import { PartyInvitationsController } from './party-invitations.controller.js';
import { PartyInvitationsService } from './party-invitations.service.js';
import { PartyMediatorChoice, PartyMessage } from './party-message.entities.js';
import { CaseMessagesController, PartyMessagesController } from './party-messages.controller.js';
import { PartyMessagesService } from './party-messages.service.js';
import { PartyExtrasQueries } from './party-extras-queries.js';
import { PartyQueries } from './party-queries.js';
import {
  PartyChallenge,
  PartyInvitation,
  PartyServiceConfirmation,
  PartySession,
  ServiceRecord,
} from './party-online.entities.js';
import { PartyRemindersService } from './party-reminders.service.js';
import { PartySessionsService } from './party-sessions.service.js';
import { PartyController } from './party.controller.js';
import { PartyService } from './party.service.js';

/**
 * The parties online (当事人在线参与): invitations, identity checks, the party's own API, service records. A
 * court's real-name service replaces `IdentityVerifier` here.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      PartyInvitation,
      PartyChallenge,
      PartySession,
      PartyServiceConfirmation,
      ServiceRecord,
      PartyMessage,
      PartyMediatorChoice,
    ]),
    CalendarModule,
    MessagesModule,
    NotificationsModule,
    ReferralModule,
    SigningModule,
  ],
  controllers: [PartyController, PartyInvitationsController, PartyMessagesController, CaseMessagesController],
  providers: [
    { provide: IdentityVerifier, useClass: RecordsIdentityVerifier },
    PartyQueries,
    PartyExtrasQueries,
    PartySessionsService,
    PartyService,
    PartyInvitationsService,
    PartyRemindersService,
    PartyAuthGuard,
    PartyCaseExtrasService,
    PartyMessagesService,
    MediatorChoiceService,
  ],
  exports: [
    PartySessionsService,
    PartyService,
    PartyCaseExtrasService,
    PartyInvitationsService,
    PartyRemindersService,
    PartyMessagesService,
    MediatorChoiceService,
  ],
})
export class PartyModule {}
