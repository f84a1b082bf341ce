import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { StatisticsExportService } from './statistics-export.service.js';
import { downloadOf, STATISTICS_READERS } from './statistics-http.js';
import { PutSubsidyRatesDto, SubsidiesQuery } from './statistics.dto.js';
import { SubsidiesService } from './subsidies.service.js';

@ApiTags('statistics')
@ApiBearerAuth()
@Controller(`${API}/statistics`)
export class SubsidiesController {
  constructor(
    private readonly subsidies: SubsidiesService,
    private readonly exports: StatisticsExportService,
  ) {}

  @Roles(...STATISTICS_READERS)
  @Get('subsidies')
  async monthlySubsidies(@CurrentActor() actor: Actor, @Query() query: SubsidiesQuery) {
    if (query.format === 'xlsx') return downloadOf(await this.exports.subsidiesFile(actor, query));
    return this.subsidies.subsidies(actor, query.month, query.version);
  }

  @Roles('ADMIN')
  @Get('subsidy-rates')
  rates(@CurrentActor() actor: Actor) {
    return this.subsidies.rates(actor);
  }

  @Roles('ADMIN')
  @Put('subsidy-rates')
  putRates(@CurrentActor() actor: Actor, @Body() dto: PutSubsidyRatesDto) {
    return this.subsidies.putRates(actor, dto);
  }
}
