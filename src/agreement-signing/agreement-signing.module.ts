import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { MediationModule } from '../mediation/mediation.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { PartyAuthGuard } from '../party/party-auth.guard.js';
import { PartyModule } from '../party/party.module.js';
import { CourtSeal, ephemeralCourtSigningKey } from '../signing/court-seal.js';
import { AgreementSignature, AgreementSigning } from './agreement-signing.entities.js';
import { AgreementSigningController, PartyAgreementController } from './agreement-signing.controller.js';
import { AgreementSigningService } from './agreement-signing.service.js';

/** Signing the 调解协议 online: the parties and the mediator sign; the court's electronic signature seals the PDF. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AgreementSigning, AgreementSignature]),
    MediationModule,
    MessagesModule,
    PartyModule,
  ],
  controllers: [AgreementSigningController, PartyAgreementController],
  providers: [
    AgreementSigningService,
    PartyAuthGuard,
    {
      provide: CourtSeal,
      // The court's key (COURT_SIGNING_P12, or the one generated in DATA_DIR); tests: one generated per process.
      useFactory: (options: AppOptions) => new CourtSeal(options.courtSigningKey ?? ephemeralCourtSigningKey()),
      inject: [APP_OPTIONS],
    },
  ],
  exports: [AgreementSigningService, CourtSeal],
})
export class AgreementSigningModule {}
