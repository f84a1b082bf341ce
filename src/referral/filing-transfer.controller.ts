import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { transferSchema, transferredSchema } from './referral-view.schema.js';
import { FileSuitDto, TransferToFilingDto } from './filing-transfer.dto.js';
import { FilingTransferService } from './filing-transfer.service.js';

@ApiTags('referral')
@ApiLoggedIn()
@Controller(`${API}/cases`)
export class FilingTransferController {
  constructor(private readonly transfers: FilingTransferService) {}

  @ApiRoute({ summary: '转立案', created: transferredSchema, errors: [400, 403, 404, 409, 422] })
  @Step('transferToFiling', 'transferUnsuitable')
  @Post(':id/transfer-to-filing')
  @Idempotent()
  transfer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: TransferToFilingDto) {
    return this.transfers.transfer(actor, id, dto);
  }

  @ApiRoute({
    summary: '非诉调解不成后起诉立案（民初案号，调解材料随案移送）',
    created: transferredSchema,
    errors: [400, 403, 404, 409],
  })
  @Step('fileSuit')
  @Post(':id/filing')
  @Idempotent()
  file(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: FileSuitDto) {
    return this.transfers.file(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的转立案（立案）记录', ok: transferSchema, errors: [403, 404] })
  @Permission('cases.read')
  @Get(':id/transfer')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.transfers.get(actor, id);
  }
}
