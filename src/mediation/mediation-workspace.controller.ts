import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, Permission } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute, arrayOf } from '../common/http/api-docs.js';
import { followUpSchema, myCasesSchema } from './mediation-view.schema.js';
import { SettlementFollowUpService } from './settlement-follow-up.service.js';
import { WorkspaceService } from './workspace.service.js';

@ApiTags('mediation')
@ApiLoggedIn()
@Controller(API)
export class MediationWorkspaceController {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly followUp: SettlementFollowUpService,
  ) {}

  @ApiRoute({ summary: '调解员的在办案件', ok: myCasesSchema, errors: [403] })
  @Permission('mediation.ownCases')
  @Get('mediation/my-cases')
  myCases(@CurrentActor() actor: Actor) {
    return this.workspace.myCases(actor);
  }

  @ApiRoute({ summary: '待跟进的履行与司法确认', ok: arrayOf(followUpSchema), errors: [403] })
  @Permission('mediation.followUps')
  @Get('mediation/follow-ups')
  followUps(@CurrentActor() actor: Actor) {
    return this.followUp.followUps(actor);
  }
}
