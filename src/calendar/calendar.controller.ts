import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { AnyRole, CurrentActor, Permission } from '../auth/decorators.js';
import { ValidationFailedError } from '../common/errors.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { CalendarYearDto, PeriodQuery } from './calendar.dto.js';
import { CalendarService } from './calendar.service.js';

const dates = (description: string) => s.arrayOf(s.date(), description);
const CALENDAR_YEAR_SCHEMA = s.object(
  {
    year: s.int(),
    holidays: dates('法定节假日'),
    makeupWorkdays: dates('调休上班日'),
    updatedBy: s.uuidOrNull,
    updatedAt: s.instant,
  },
  '一年的节假日安排',
);

@ApiTags('calendar')
@ApiLoggedIn()
@Controller(`${API}/calendar`)
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @ApiRoute({
    summary: '法定期间的届满日（节假日顺延）',
    ok: s.object({ start: s.date(), days: s.int(), end: s.date('届满日') }),
    errors: [400, 422],
  })
  @AnyRole()
  @Get('period-end')
  async periodEnd(@Query() query: PeriodQuery) {
    return { start: query.start, days: query.days, end: await this.calendar.periodEnd(query.start, query.days) };
  }

  @ApiRoute({
    summary: '若干个工作日之后的日期',
    ok: s.object({ start: s.date(), days: s.int(), due: s.date('到期日') }),
    errors: [400, 422],
  })
  @AnyRole()
  @Get('working-days')
  async workingDays(@Query() query: PeriodQuery) {
    return { start: query.start, days: query.days, due: await this.calendar.workingDaysAfter(query.start, query.days) };
  }

  @ApiRoute({
    summary: '已录入节假日安排的年份',
    ok: s.arrayOf(s.object({ year: s.int(), source: s.str('SHIPPED（随系统提供）| ADMIN（管理员录入）') })),
  })
  @AnyRole()
  @Get('years')
  years() {
    return this.calendar.years();
  }

  @ApiRoute({
    summary: '录入或更正一年的节假日安排',
    ok: CALENDAR_YEAR_SCHEMA,
    errors: [400, 403, 404, 409, 422],
  })
  @Permission('calendar.manage')
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
