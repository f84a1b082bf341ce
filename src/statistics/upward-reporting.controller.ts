import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, XLSX } from '../common/http/api-docs.js';
import {
  courtPeriodSchema,
  monitoringSchema,
  ownRankingSchema,
  rankingSchema,
  rollupSchema,
  targetSchema,
} from './statistics-view.schema.js';
import { periodFile, type PeriodTable } from './period-export.js';
import { downloadOf } from './statistics-http.js';
import {
  CourtPeriodQuery,
  MonthQuery,
  ReportingPeriodExportQuery,
  ReportingPeriodQuery,
  SuccessRateTargetDto,
} from './statistics.dto.js';
import { UpwardReportingService } from './upward-reporting.service.js';

const fileOf = (table: PeriodTable, format: 'xlsx' | 'csv') => downloadOf(periodFile(table, format));

@ApiTags('statistics')
@ApiLoggedIn()
@Controller(`${API}/statistics`)
export class UpwardReportingController {
  constructor(private readonly reporting: UpwardReportingService) {}

  /** 季调度 / 年度 of the actor's court, from its closed months. */
  @ApiRoute({
    summary: '本院的季度或年度数据（由已关账月份汇总，可按调解员、组织、案由、部门分组）',
    ok: courtPeriodSchema,
    errors: [400, 403, 422],
  })
  @Permission('statistics.read')
  @Get('periods')
  courtPeriod(@CurrentActor() actor: Actor, @Query() query: CourtPeriodQuery) {
    return this.reporting.courtPeriod(actor, query.period, query.by);
  }

  @ApiRoute({ summary: '导出本院的期间数据', file: [XLSX, 'text/csv'], errors: [400, 403, 422] })
  @Permission('statistics.read')
  @Get('periods/export')
  async exportCourtPeriod(@CurrentActor() actor: Actor, @Query() query: ReportingPeriodExportQuery) {
    return fileOf(await this.reporting.courtPeriodTable(actor, query.period), query.format);
  }

  @ApiRoute({ summary: '辖区汇总', ok: rollupSchema, errors: [400, 403, 422] })
  @Permission('statistics.upward')
  @Get('rollup')
  rollup(@CurrentActor() actor: Actor, @Query() query: ReportingPeriodQuery) {
    return this.reporting.rollup(actor, query.period);
  }

  @ApiRoute({ summary: '导出辖区汇总', file: [XLSX, 'text/csv'], errors: [400, 403, 422] })
  @Permission('statistics.upward')
  @Get('rollup/export')
  async exportRollup(@CurrentActor() actor: Actor, @Query() query: ReportingPeriodExportQuery) {
    return fileOf(await this.reporting.rollupTable(actor, query.period), query.format);
  }

  @ApiRoute({ summary: '辖区各院排名', ok: rankingSchema, errors: [400, 403, 422] })
  @Permission('statistics.upward')
  @Get('ranking')
  ranking(@CurrentActor() actor: Actor, @Query() query: ReportingPeriodQuery) {
    return this.reporting.ranking(actor, query.period);
  }

  @ApiRoute({
    summary: '本院在上级法院赛马比拼中的名次与本院数字（已关账月份）',
    ok: ownRankingSchema,
    errors: [400, 403, 404, 422],
  })
  @Permission('statistics.read')
  @Get('ranking/own')
  ownRanking(@CurrentActor() actor: Actor, @Query() query: MonthQuery) {
    return this.reporting.ownRanking(actor, query.month);
  }

  @ApiRoute({ summary: '辖区监测（目标与实际）', ok: monitoringSchema, errors: [400, 403, 422] })
  @Permission('statistics.upward')
  @Get('monitoring')
  monitoring(@CurrentActor() actor: Actor, @Query() query: ReportingPeriodQuery) {
    return this.reporting.monitoring(actor, query.period);
  }

  @ApiRoute({ summary: '设置一个法院的调解成功率目标', ok: targetSchema, errors: [400, 403, 404, 422] })
  @Permission('statistics.upward')
  @Put('targets/:courtId')
  setTarget(@CurrentActor() actor: Actor, @Param('courtId') courtId: string, @Body() dto: SuccessRateTargetDto) {
    return this.reporting.setTarget(actor, courtId, dto.successRate ?? null);
  }
}
