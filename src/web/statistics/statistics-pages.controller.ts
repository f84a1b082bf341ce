import { Body, Controller, Get, Header, Post, Query, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { downloadOf } from '../../statistics/statistics-http.js';
import { textField, type FormFields } from '../kit/form-body.js';
import { StatisticsPagesService } from './statistics-pages.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** 审管办: the month's indicators, month close, downloads and the weekly bulletin. */
@WebPages()
@Controller('statistics')
export class StatisticsPagesController {
  constructor(private readonly pages: StatisticsPagesService) {}

  @Permission('statistics.read')
  @Get()
  @Render('statistics/monthly')
  monthly(
    @CurrentActor() actor: Actor,
    @Query('month') month?: string,
    @Query('by') by?: string,
    @Query('closed') closed?: string,
  ) {
    return this.pages.monthlyPage(
      actor,
      month,
      by,
      closed ? '已关账：本月数据已冻结为快照，之后的更改不影响已上报的数字。' : undefined,
    );
  }

  @Permission('statistics.closeMonth')
  @Post('close')
  @Render('statistics/monthly')
  close(@CurrentActor() actor: Actor, @Body() fields: FormFields) {
    return this.pages.close(
      actor,
      textField(fields, 'month') ?? '',
      textField(fields, 'reason'),
      textField(fields, 'confirmed') === 'true',
    );
  }

  /** The month's workbook or CSV for a page session (the API's export takes bearer tokens only). */
  @Permission('statistics.read')
  @Get('export')
  @Header('Cache-Control', 'no-store')
  async export(@CurrentActor() actor: Actor, @Query('month') month: string, @Query('format') format: string) {
    return downloadOf(await this.pages.download(actor, month ?? '', format ?? 'xlsx'));
  }

  @Permission('statistics.read')
  @Get('subsidies')
  @Render('statistics/subsidies')
  subsidies(@CurrentActor() actor: Actor, @Query('month') month?: string) {
    return this.pages.subsidiesPage(actor, month);
  }

  @Permission('statistics.read')
  @Get('subsidies/export')
  @Header('Cache-Control', 'no-store')
  async exportSubsidies(@CurrentActor() actor: Actor, @Query('month') month: string) {
    return downloadOf(await this.pages.downloadSubsidies(actor, month ?? ''));
  }

  @Permission('statistics.read')
  @Get('weekly/export')
  @Header('Cache-Control', 'no-store')
  async exportWeekly(@CurrentActor() actor: Actor, @Query('week') week: string) {
    return downloadOf(await this.pages.downloadWeekly(actor, week ?? ''));
  }

  @Permission('statistics.read')
  @Get('overdue')
  @Render('statistics/overdue')
  overdue(@CurrentActor() actor: Actor, @Query('step') step?: string) {
    return this.pages.overduePage(actor, step);
  }

  @Permission('statistics.read')
  @Get('weekly')
  @Render('statistics/weekly')
  weekly(@CurrentActor() actor: Actor, @Query('week') week?: string) {
    return this.pages.weeklyPage(actor, week);
  }
}
