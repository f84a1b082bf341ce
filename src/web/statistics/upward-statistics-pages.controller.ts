import { Body, Controller, Get, Header, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { periodFile } from '../../statistics/period-export.js';
import { downloadOf } from '../../statistics/statistics-http.js';
import type { FormFields } from '../kit/form-body.js';
import { UpwardStatisticsPagesService } from './upward-statistics-pages.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** 季调度 and 报送与本院名次 of the court; 辖区汇总, 赛马比拼 and 监测考评 of an intermediate court. */
@WebPages()
@Controller('statistics')
export class UpwardStatisticsPagesController {
  constructor(private readonly pages: UpwardStatisticsPagesService) {}

  @Permission('statistics.read')
  @Get('quarter')
  @Render('statistics/quarter')
  quarter(@CurrentActor() actor: Actor, @Query('period') period?: string, @Query('by') by?: string) {
    return this.pages.quarterPage(actor, period, by);
  }

  @Permission('statistics.read')
  @Get('submissions')
  @Render('statistics/submissions')
  submissions(@CurrentActor() actor: Actor, @Query('month') month?: string) {
    return this.pages.submissionsPage(actor, month);
  }

  @Permission('statistics.upward')
  @Get('rollup')
  @Render('statistics/rollup')
  rollup(@CurrentActor() actor: Actor, @Query('period') period?: string) {
    return this.pages.rollupPage(actor, period);
  }

  @Permission('statistics.upward')
  @Get('ranking')
  @Render('statistics/ranking')
  ranking(@CurrentActor() actor: Actor, @Query('period') period?: string) {
    return this.pages.rankingPage(actor, period);
  }

  @Permission('statistics.upward')
  @Get('monitoring')
  @Render('statistics/monitoring')
  monitoring(@CurrentActor() actor: Actor, @Query('period') period?: string, @Query('saved') saved?: string) {
    return this.pages.monitoringPage(actor, period, saved ? '目标成功率已保存。' : undefined);
  }

  @Permission('statistics.upward')
  @Post('targets')
  @Render('statistics/monitoring')
  setTarget(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.setTarget(actor, fields);
  }

  @Permission('statistics.read')
  @Get('quarter/export')
  @Header('Cache-Control', 'no-store')
  async exportQuarter(@CurrentActor() actor: Actor, @Query('period') period: string, @Query('format') format: string) {
    const { table, format: chosen } = await this.pages.download(actor, 'quarter', period ?? '', format);
    return downloadOf(periodFile(table, chosen));
  }

  @Permission('statistics.upward')
  @Get('rollup/export')
  @Header('Cache-Control', 'no-store')
  async exportRollup(@CurrentActor() actor: Actor, @Query('period') period: string, @Query('format') format: string) {
    const { table, format: chosen } = await this.pages.download(actor, 'rollup', period ?? '', format);
    return downloadOf(periodFile(table, chosen));
  }
}
