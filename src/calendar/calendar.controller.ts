import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { AnyRole, CurrentActor, Roles } from '../auth/decorators.js';
import { ValidationFailedError } from '../common/errors.js';
import { API } from '../common/http/api-prefix.js';
import { CalendarYearDto, PeriodQuery } from './calendar.dto.js';
import { CalendarService } from './calendar.service.js';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller(`${API}/calendar`)
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @AnyRole()
  @Get('period-end')
  async periodEnd(@Query() query: PeriodQuery) {
    return { start: query.start, days: query.days, end: await this.calendar.periodEnd(query.start, query.days) };
  }

  @AnyRole()
  @Get('working-days')
  async workingDays(@Query() query: PeriodQuery) {
    return { start: query.start, days: query.days, due: await this.calendar.workingDaysAfter(query.start, query.days) };
  }

  @AnyRole()
  @Get('years')
  years() {
    return this.calendar.years();
  }

  @Roles('ADMIN')
  @Put('years/:year')
  putYear(
    @CurrentActor() actor: Actor,
    @Param('year', new ParseIntPipe({ exceptionFactory: () => badYear() })) year: number,
    @Body() body: CalendarYearDto,
  ) {
    if (year < 2000 || year > 2100) throw badYear();
    return this.calendar.putYear(actor, year, body.holidays, body.makeupWorkdays);
  }
}

function badYear() {
  return ValidationFailedError.field('year', 'YEAR_INVALID', 'year：应为 2000 至 2100 之间的年份');
}
