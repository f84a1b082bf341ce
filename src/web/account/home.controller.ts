import { Controller, Get, Render } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { CurrentActor, AnyRole } from '../../auth/decorators.js';
import { DashboardService } from './dashboard.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

@WebPages()
@Controller()
export class HomeController {
  constructor(private readonly dashboard: DashboardService) {}

  @AnyRole()
  @Get()
  @Render('home')
  home(@CurrentActor() actor: Actor) {
    return this.dashboard.home(actor);
  }
}
