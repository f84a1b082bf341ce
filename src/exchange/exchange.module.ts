import { Module } from '@nestjs/common';
import { ExchangeQueries } from './exchange-queries.js';
import { RegistrationImportController } from './registration-import.controller.js';
import { RegistrationImportService } from './registration-import.service.js';

/** Exchange with the court's case system: registrations in (the case file out lives in the case file module). */
@Module({
  controllers: [RegistrationImportController],
  providers: [ExchangeQueries, RegistrationImportService],
  exports: [RegistrationImportService],
})
export class ExchangeModule {}
