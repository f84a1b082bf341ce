import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, XLSX } from '../common/http/api-docs.js';
import { subsidiesSchema, subsidyRatesSchema } from './statistics-view.schema.js';
import { StatisticsExportService } from './statistics-export.service.js';
import { downloadOf } from './statistics-http.js';
import { PutSubsidyRatesDto, SubsidiesQuery } from './statistics.dto.js';
import { SubsidiesService } from './subsidies.service.js';

@ApiTags('statistics')
@ApiLoggedIn()
@Controller(`${API}/statistics`)
export class SubsidiesController {
  constructor(
    private readonly subsidies: SubsidiesService,
    private readonly exports: StatisticsExportService,
  ) {}

  @ApiRoute({
    summary: '调解补贴（format=xlsx 时为文件）',
    ok: subsidiesSchema,
    file: [XLSX],
    errors: [400, 403, 404, 422],
  })
  @Permission('statistics.read')
  @Get('subsidies')
  async monthlySubsidies(@CurrentActor() actor: Actor, @Query() query: SubsidiesQuery) {
    if (query.format === 'xlsx') return downloadOf(await this.exports.subsidiesFile(actor, query));
    return this.subsidies.subsidies(actor, query.month, query.version);
  }

  @ApiRoute({ summary: '补贴标准', ok: subsidyRatesSchema, errors: [403] })
  @Permission('subsidyRates.manage')
  @Get('subsidy-rates')
  rates(@CurrentActor() actor: Actor) {
    return this.subsidies.rates(actor);
  }

  @ApiRoute({ summary: '设置补贴标准', ok: subsidyRatesSchema, errors: [400, 403, 409, 422] })
  @Permission('subsidyRates.manage')
  @Put('subsidy-rates')
  putRates(@CurrentActor() actor: Actor, @Body() dto: PutSubsidyRatesDto) {
    return this.subsidies.putRates(actor, dto);
  }
}
