import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediationModule } from '../mediation/mediation.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { PartyAuthGuard } from '../party/party-auth.guard.js';
import { PartyModule } from '../party/party.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { AgreementSignature, AgreementSigning } from './agreement-signing.entities.js';
import { AgreementSigningController, PartyAgreementController } from './agreement-signing.controller.js';
import { AgreementSigningQueries } from './agreement-signing-queries.js';
import { AgreementSigningService } from './agreement-signing.service.js';

/** Signing the 调解协议 online: the parties and the mediator sign; the court's electronic signature seals the PDF. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AgreementSigning, AgreementSignature]),
    MediationModule,
    MessagesModule,
    PartyModule,
    SigningModule,
  ],
  controllers: [AgreementSigningController, PartyAgreementController],
  providers: [AgreementSigningService, AgreementSigningQueries, PartyAuthGuard],
  exports: [AgreementSigningService],
})
export class AgreementSigningModule {}
