import { Controller, Get, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, Roles } from '../../auth/decorators.js';
import { DashboardService } from './dashboard.service.js';
import { PAGE_ROLES } from '../kit/menu.js';
import { WebPages } from '../kit/web-pages.decorator.js';

@WebPages()
@Controller()
export class HomeController {
  constructor(private readonly dashboard: DashboardService) {}

  @Roles(...PAGE_ROLES.home)
  @Get()
  @Render('home')
  home(@CurrentActor() actor: Actor) {
    return this.dashboard.home(actor);
  }
}
