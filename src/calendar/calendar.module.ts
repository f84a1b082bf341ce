import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarYear } from './calendar-year.entity.js';
import { CalendarQueries } from './calendar-queries.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([CalendarYear])],
  controllers: [CalendarController],
  providers: [CalendarQueries, CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
