import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagesModule } from '../messages/messages.module.js';
import { ReferralModule } from '../referral/referral.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { IdentityVerifier, RecordsIdentityVerifier } from './identity-verifier.js';
import { PartyAuthGuard } from './party-auth.guard.js';
import { PartyCaseExtrasService } from './party-case-extras.service.js';
import { PartyInvitationsController } from './party-invitations.controller.js';
import { PartyInvitationsService } from './party-invitations.service.js';
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
    TypeOrmModule.forFeature([PartyInvitation, PartyChallenge, PartySession, PartyServiceConfirmation, ServiceRecord]),
    MessagesModule,
    ReferralModule,
    SigningModule,
  ],
  controllers: [PartyController, PartyInvitationsController],
  providers: [
    { provide: IdentityVerifier, useClass: RecordsIdentityVerifier },
    PartySessionsService,
    PartyService,
    PartyInvitationsService,
    PartyRemindersService,
    PartyAuthGuard,
    PartyCaseExtrasService,
  ],
  exports: [PartySessionsService, PartyService, PartyCaseExtrasService, PartyInvitationsService, PartyRemindersService],
})
export class PartyModule {}
