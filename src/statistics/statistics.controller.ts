import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import type { Role } from '../users/role.js';
import { MonthlyStatisticsService } from './monthly-statistics.service.js';
import { StatisticsExportService } from './statistics-export.service.js';
import { downloadOf, STATISTICS_READERS } from './statistics-http.js';
import { CloseMonthDto, MonthlyExportQuery, MonthlyQuery, WeeklyQuery } from './statistics.dto.js';
import { WeeklyBulletinService } from './weekly-bulletin.service.js';

/** Who closes a month (关账). */
const MONTH_CLOSERS: Role[] = ['STATISTICIAN', 'ADMIN'];

@ApiTags('statistics')
@ApiBearerAuth()
@Controller(`${API}/statistics`)
export class StatisticsController {
  constructor(
    private readonly monthly: MonthlyStatisticsService,
    private readonly exports: StatisticsExportService,
    private readonly weekly: WeeklyBulletinService,
  ) {}

  @Roles(...STATISTICS_READERS)
  @Get('monthly')
  monthlyFigures(@CurrentActor() actor: Actor, @Query() query: MonthlyQuery) {
    return this.monthly.monthly(actor, query);
  }

  @Roles(...STATISTICS_READERS)
  @Get('monthly/export')
  async exportMonthly(@CurrentActor() actor: Actor, @Query() query: MonthlyExportQuery) {
    return downloadOf(await this.exports.monthlyFile(actor, query));
  }

  @Roles(...MONTH_CLOSERS)
  @Post('monthly/:month/close')
  closeMonth(@CurrentActor() actor: Actor, @Param('month') month: string, @Body() dto: CloseMonthDto) {
    return this.monthly.close(actor, month, dto);
  }

  @Roles(...STATISTICS_READERS)
  @Get('monthly/:month/versions')
  versions(@CurrentActor() actor: Actor, @Param('month') month: string) {
    return this.monthly.versions(actor, month);
  }

  @Roles(...STATISTICS_READERS)
  @Get('weekly')
  weeklyBulletin(@CurrentActor() actor: Actor, @Query() query: WeeklyQuery) {
    return this.weekly.weekly(actor, query.week);
  }
}
