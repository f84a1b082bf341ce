import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent } from './audit-event.entity.js';
import { AuditQueries } from './audit-queries.js';
import { AuditService } from './audit.service.js';
import { PersonalDataReadsService } from './personal-data-reads.js';
import { RefusedAccessInterceptor, RefusedAccessRecorder } from './refused-access.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: [
    AuditService,
    AuditQueries,
    RefusedAccessRecorder,
    PersonalDataReadsService,
    { provide: APP_INTERCEPTOR, useClass: RefusedAccessInterceptor },
  ],
  exports: [AuditService, AuditQueries, RefusedAccessRecorder, PersonalDataReadsService],
})
export class AuditModule {}
