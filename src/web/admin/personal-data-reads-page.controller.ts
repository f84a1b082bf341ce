import { Controller, Get, Query, Render } from '@nestjs/common';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import { PERSONAL_DATA_READS_PAGE, PersonalDataReadsService } from '../../audit/personal-data-reads.js';
import type { Actor } from '../../common/actor.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** 个人信息查看记录: the API's list (GET /api/v1/personal-data-reads) as a page, refusals marked 拒绝. */
@WebPages()
@Controller('admin/personal-data-reads')
export class PersonalDataReadsPageController {
  constructor(private readonly reads: PersonalDataReadsService) {}

  @Permission('personalData.auditReads')
  @Get()
  @Render('admin/personal-data-reads')
  async page(@CurrentActor() actor: Actor, @Query('before') before?: string) {
    const cursor = before && /^[1-9]\d{0,17}$/.test(before) ? before : undefined;
    return { pageSize: PERSONAL_DATA_READS_PAGE, ...(await this.reads.list(actor, cursor)) };
  }
}
