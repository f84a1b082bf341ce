import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, XLSX } from '../common/http/api-docs.js';
import { Clock } from '../common/clock.js';
import { XLSX_CONTENT_TYPE } from '../common/spreadsheet.js';
import { FilingsQuery, PutFilingsDto } from './filings.dto.js';
import { FilingsService } from './filings.service.js';
import { OVERDUE_STEPS, type OverdueStep } from './overdue-steps.js';
import { OverdueService } from './overdue.service.js';
import { filingSchema, filingsYearSchema, overdueListSchema } from './statistics-extras.schema.js';
import { downloadOf } from './statistics-http.js';
import { WeeklyQuery } from './statistics.dto.js';
import { WeeklyBulletinService } from './weekly-bulletin.service.js';
import { weeklyFileName, weeklyWorkbook } from './weekly-export.js';

export class WeeklyExportQuery extends WeeklyQuery {
  @ApiProperty({ enum: ['xlsx'] })
  @IsIn(['xlsx'], { message: '应为 xlsx' })
  format!: 'xlsx';
}

export class OverdueQuery {
  @ApiPropertyOptional({ enum: OVERDUE_STEPS, description: '只列一个环节' })
  @IsOptional()
  @IsIn(OVERDUE_STEPS, { message: `应为 ${OVERDUE_STEPS.join('、')} 之一` })
  step?: OverdueStep;
}

/** 超期 by step today, the court's first-instance filings behind 万人成讼率, and the weekly bulletin as a file. */
@ApiTags('statistics')
@ApiLoggedIn()
@Controller(`${API}/statistics`)
export class StatisticsFollowUpController {
  constructor(
    private readonly filings: FilingsService,
    private readonly overdue: OverdueService,
    private readonly weekly: WeeklyBulletinService,
    private readonly clock: Clock,
  ) {}

  @ApiRoute({ summary: '导出周通报（可打印）', file: [XLSX], errors: [400, 403, 422] })
  @Permission('statistics.read')
  @Get('weekly/export')
  async exportWeekly(@CurrentActor() actor: Actor, @Query() query: WeeklyExportQuery) {
    const bulletin = await this.weekly.weekly(actor, query.week);
    return downloadOf({
      stream: weeklyWorkbook(bulletin, this.clock.now()),
      fileName: weeklyFileName(bulletin),
      contentType: XLSX_CONTENT_TYPE,
    });
  }

  @ApiRoute({ summary: '今日各环节超期案件（超过所处环节期限的案件）', ok: overdueListSchema, errors: [400, 403] })
  @Permission('statistics.read')
  @Get('overdue')
  overdueToday(@CurrentActor() actor: Actor, @Query() query: OverdueQuery) {
    return this.overdue.today(actor, query.step);
  }

  @ApiRoute({
    summary: '录入本院当月一审民事收案数（万人成讼率的分子）',
    ok: filingSchema,
    errors: [400, 403, 404, 422],
  })
  @Permission('statistics.recordFilings')
  @Put('filings/:month')
  putFilings(@CurrentActor() actor: Actor, @Param('month') month: string, @Body() dto: PutFilingsDto) {
    return this.filings.put(actor, month, dto);
  }

  @ApiRoute({ summary: '本院一年各月已录入的一审民事收案数', ok: filingsYearSchema, errors: [400, 403, 422] })
  @Permission('statistics.read')
  @Get('filings')
  filingsOfYear(@CurrentActor() actor: Actor, @Query() query: FilingsQuery) {
    return this.filings.year(actor, query.year);
  }
}
