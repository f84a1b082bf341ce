import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { SettlementFollowUpService } from './settlement-follow-up.service.js';
import { WorkspaceService } from './workspace.service.js';

@ApiTags('mediation')
@ApiBearerAuth()
@Controller(API)
export class MediationWorkspaceController {
  constructor(
    private readonly workspace: WorkspaceService,
    private readonly followUp: SettlementFollowUpService,
  ) {}

  @Roles('MEDIATOR')
  @Get('mediation/my-cases')
  myCases(@CurrentActor() actor: Actor) {
    return this.workspace.myCases(actor);
  }

  @Roles('MEDIATOR', 'COORDINATOR')
  @Get('mediation/follow-ups')
  followUps(@CurrentActor() actor: Actor) {
    return this.followUp.followUps(actor);
  }
}
