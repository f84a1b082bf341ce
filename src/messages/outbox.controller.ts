import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { OutboxQuery } from './outbox.dto.js';
import { outboxSchema } from './outbox-view.schema.js';
import { OutboxService } from './outbox.service.js';

@ApiTags('messages')
@ApiLoggedIn()
@Controller(`${API}/outbox`)
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @ApiRoute({ summary: '开发者发件箱（仅本地消息服务启用时）', ok: outboxSchema, errors: [400, 403, 404] })
  @Permission('outbox.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: OutboxQuery) {
    return this.outbox.list(actor, query.to);
  }
}
