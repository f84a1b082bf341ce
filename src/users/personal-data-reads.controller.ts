import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { PersonalDataReadsService } from '../audit/personal-data-reads.js';

export class PersonalDataReadsQuery {
  @ApiPropertyOptional({ description: '上一页最后一条的编号（翻页）', example: '1234' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: '应为记录编号（正整数）' })
  before?: string;
}

const readSchema = s.object({
  id: s.str('记录编号'),
  occurredAt: s.instant,
  action: s.str(
    'PERSONAL_DATA_VIEWED | PERSONAL_DATA_EXPORTED | CASE_DOCUMENT_PRINTED | … | PERSONAL_DATA_ACCESS_REFUSED',
  ),
  actionLabel: s.str(),
  refused: s.bool('被拒绝的查看（拒绝）'),
  actorId: s.uuidOrNull,
  actorName: s.strOrNull(),
  caseId: s.uuidOrNull,
  code: s.strOrNull('拒绝的原因代码'),
  details: s.anyJson,
  requestId: s.strOrNull(),
  clientAddress: s.strOrNull(),
});

@ApiTags('audit')
@ApiLoggedIn()
@Controller(`${API}/personal-data-reads`)
export class PersonalDataReadsController {
  constructor(private readonly reads: PersonalDataReadsService) {}

  @ApiRoute({
    summary: '个人信息查看记录（本院，新的在前，含被拒绝的查看）',
    ok: s.object({ items: s.arrayOf(readSchema), nextBefore: s.strOrNull('下一页的 before') }),
    errors: [400, 403],
  })
  @Permission('personalData.auditReads')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PersonalDataReadsQuery) {
    return this.reads.list(actor, query.before);
  }
}
