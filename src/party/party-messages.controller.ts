import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission } from '../auth/decorators.js';
import type { Actor } from '../common/actor.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';
import { CurrentParty, PartyOnly } from './party-auth.guard.js';
import { MediatorReplyDto, PartyMediatorChoiceDto, PartyMessageDto } from './party.dto.js';
import type { PartyPrincipal } from './party-sessions.service.js';
import { MediatorChoiceService } from './mediator-choice.service.js';
import { PartyMessagesService } from './party-messages.service.js';

const messageSchema = s.openObject('一条留言', {
  id: s.uuid,
  direction: s.str('FROM_PARTY 当事人留言 | FROM_MEDIATOR 调解员回复'),
  authorName: s.str(),
  body: s.str(),
  sentAt: s.instant,
});

const partyThreadSchema = s.openObject('当事人与调解员的留言（仅本人的一组）', {
  items: s.arrayOf(messageSchema),
  canSend: s.bool('现在能否留言（案件由调解员办理期间）'),
  mediatorName: s.strOrNull(),
  maxLength: s.int('留言的最多字数'),
});

const publishedMediator = s.openObject('公布的调解员（不含个人联系方式）', {
  mediatorId: s.uuid,
  name: s.str(),
  typeLabel: s.str(),
  organization: s.str(),
  specialties: s.arrayOf(s.str()),
});

/** The party's side: their own thread with the mediator, and the choice of a mediator. */
@ApiTags('party')
@Controller(`${API}/party`)
export class PartyMessagesController {
  constructor(
    private readonly messages: PartyMessagesService,
    private readonly choices: MediatorChoiceService,
  ) {}

  @ApiRoute({ summary: '当事人：我与调解员的留言', ok: partyThreadSchema })
  @PartyOnly()
  @Get('messages')
  thread(@CurrentParty() p: PartyPrincipal) {
    return this.messages.forParty(p);
  }

  @ApiRoute({ summary: '当事人：给调解员留言', created: messageSchema, errors: [400, 422, 429] })
  @PartyOnly()
  @Post('messages')
  send(@CurrentParty() p: PartyPrincipal, @Body() dto: PartyMessageDto) {
    return this.messages.sendFromParty(p, dto.body);
  }

  @ApiRoute({
    summary: '当事人：法院公布的调解员名册、选择期限和我的选择',
    ok: s.openObject('选择调解员', {
      open: s.bool('现在能否选择'),
      closesOn: s.strOrNull('选择期限的最后一日'),
      mediators: s.arrayOf(publishedMediator),
      yourChoice: { ...s.openObject('我的选择；没有时为 null'), nullable: true },
    }),
  })
  @PartyOnly()
  @Get('mediators')
  mediators(@CurrentParty() p: PartyPrincipal) {
    return this.choices.forParty(p);
  }

  @ApiRoute({
    summary: '当事人：从名册中选择调解员（各方选择同一调解员的，由诉调对接中心据此分派）',
    created: s.openObject('已记录的选择', { mediatorId: s.uuid, name: s.str(), chosenAt: s.instant }),
    errors: [400, 422],
  })
  @PartyOnly()
  @Post('mediator-choice')
  choose(@CurrentParty() p: PartyPrincipal, @Body() dto: PartyMediatorChoiceDto) {
    return this.choices.choose(p, dto.mediatorId);
  }
}

/** The staff side: the threads on the case (the mediator replies), and the parties' choice of mediator. */
@ApiTags('party')
@ApiLoggedIn()
@Controller(`${API}/cases/:id`)
export class CaseMessagesController {
  constructor(
    private readonly messages: PartyMessagesService,
    private readonly choices: MediatorChoiceService,
  ) {}

  @ApiRoute({
    summary: '当事人与调解员的留言（每位当事人一组；本案调解员和诉调对接中心可看）',
    ok: s.openObject('留言', {
      canReply: s.bool('当前用户能否回复'),
      threads: s.arrayOf(
        s.openObject('一位当事人的留言', { partyId: s.uuid, name: s.str(), messages: s.arrayOf(messageSchema) }),
      ),
    }),
    errors: [403, 404],
  })
  @Permission('parties.readMessages')
  @Get('messages')
  threads(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.messages.threadsFor(actor, id);
  }

  @ApiRoute({
    summary: '调解员回复当事人的留言（短信链接通知当事人）',
    created: s.openObject('已发送的回复', { id: s.uuid, partyId: s.uuid, notified: s.bool('是否已短信通知当事人') }),
    errors: [400, 403, 404, 422],
  })
  @Permission('parties.sendMessages')
  @Post('messages')
  reply(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: MediatorReplyDto) {
    return this.messages.reply(actor, id, dto);
  }

  @ApiRoute({
    summary: '当事人选择调解员的情况（各方在期限内选择同一调解员的，agreed 为该调解员）',
    ok: s.openObject('选择调解员', {
      open: s.bool(),
      closesOn: s.strOrNull(),
      parties: s.arrayOf(s.openObject('一位当事人的选择')),
      agreed: { ...s.openObject('各方共同选择的调解员；没有时为 null'), nullable: true },
    }),
    errors: [403, 404],
  })
  @Permission('parties.readMediatorChoices')
  @Get('mediator-choices')
  mediatorChoices(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.choices.forCase(actor, id);
  }
}
