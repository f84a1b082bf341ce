import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CourtController } from './court.controller.js';
import { Court } from './court.entity.js';
import { CourtService } from './court.service.js';
import { CourtsQueries } from './courts-queries.js';
import { Division } from './division.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Court, Division])],
  controllers: [CourtController],
  providers: [CourtService, CourtsQueries],
  exports: [TypeOrmModule, CourtService],
})
export class CourtsModule {}
