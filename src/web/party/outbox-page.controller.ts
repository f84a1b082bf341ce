import { Controller, Get, Query, Render } from '@nestjs/common';
import { CurrentActor, Permission } from '../../auth/decorators.js';
import type { Actor } from '../../common/actor.js';
import { OutboxService } from '../../messages/outbox.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** 开发者发件箱: what a party would have received, while the local message provider is configured (else 404). */
@WebPages()
@Controller('admin/outbox')
export class OutboxPageController {
  constructor(private readonly outbox: OutboxService) {}

  @Permission('outbox.read')
  @Get()
  @Render('party/outbox')
  async page(@CurrentActor() actor: Actor, @Query('to') to?: string) {
    const filter = to?.trim().slice(0, 200) || undefined;
    return { to: filter ?? '', ...(await this.outbox.list(actor, filter)) };
  }
}
