import { Module } from '@nestjs/common';
import { APP_OPTIONS, type AppOptions } from '../app-options.js';
import { CourtSeal, ephemeralCourtSigningKey } from './court-seal.js';

/** The court's electronic signature over PDFs (signed agreements, 电子送达凭证). */
@Module({
  providers: [
    {
      provide: CourtSeal,
      // The court's key (COURT_SIGNING_P12, or the one generated in DATA_DIR); tests: one generated per process.
      useFactory: (options: AppOptions) => new CourtSeal(options.courtSigningKey ?? ephemeralCourtSigningKey()),
      inject: [APP_OPTIONS],
    },
  ],
  exports: [CourtSeal],
})
export class SigningModule {}
