import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseNumberCounter } from './case-number-counter.entity.js';
import { CaseNumberService } from './case-number.service.js';
import { Case } from './case.entity.js';
import { IntakeController } from './intake.controller.js';
import { IntakeService } from './intake.service.js';
import { Party } from './party.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Case, Party, CaseNumberCounter])],
  controllers: [IntakeController],
  providers: [IntakeService, CaseNumberService],
  exports: [IntakeService, CaseNumberService, TypeOrmModule],
})
export class IntakeModule {}
