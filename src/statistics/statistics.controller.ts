import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, XLSX } from '../common/http/api-docs.js';
import { monthlySchema, monthVersionSchema, monthVersionsSchema, weeklySchema } from './statistics-view.schema.js';
import { MonthlyStatisticsService } from './monthly-statistics.service.js';
import { StatisticsExportService } from './statistics-export.service.js';
import { downloadOf } from './statistics-http.js';
import { CloseMonthDto, MonthlyExportQuery, MonthlyQuery, WeeklyQuery } from './statistics.dto.js';
import { WeeklyBulletinService } from './weekly-bulletin.service.js';

@ApiTags('statistics')
@ApiLoggedIn()
@Controller(`${API}/statistics`)
export class StatisticsController {
  constructor(
    private readonly monthly: MonthlyStatisticsService,
    private readonly exports: StatisticsExportService,
    private readonly weekly: WeeklyBulletinService,
  ) {}

  @ApiRoute({ summary: '月度指标（可按调解员、组织、案由分组）', ok: monthlySchema, errors: [400, 403, 404, 422] })
  @Permission('statistics.read')
  @Get('monthly')
  monthlyFigures(@CurrentActor() actor: Actor, @Query() query: MonthlyQuery) {
    return this.monthly.monthly(actor, query);
  }

  @ApiRoute({ summary: '导出月度指标', file: [XLSX, 'text/csv'], errors: [400, 403, 404, 422] })
  @Permission('statistics.read')
  @Get('monthly/export')
  async exportMonthly(@CurrentActor() actor: Actor, @Query() query: MonthlyExportQuery) {
    return downloadOf(await this.exports.monthlyFile(actor, query));
  }

  @ApiRoute({
    summary: '月度关账（冻结当月数据）',
    created: monthVersionSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Permission('statistics.closeMonth')
  @Post('monthly/:month/close')
  closeMonth(@CurrentActor() actor: Actor, @Param('month') month: string, @Body() dto: CloseMonthDto) {
    return this.monthly.close(actor, month, dto);
  }

  @ApiRoute({ summary: '月度数据的各版本', ok: monthVersionsSchema, errors: [400, 403, 404, 422] })
  @Permission('statistics.read')
  @Get('monthly/:month/versions')
  versions(@CurrentActor() actor: Actor, @Param('month') month: string) {
    return this.monthly.versions(actor, month);
  }

  @ApiRoute({ summary: '周报', ok: weeklySchema, errors: [400, 403, 422] })
  @Permission('statistics.read')
  @Get('weekly')
  weeklyBulletin(@CurrentActor() actor: Actor, @Query() query: WeeklyQuery) {
    return this.weekly.weekly(actor, query.week);
  }
}
