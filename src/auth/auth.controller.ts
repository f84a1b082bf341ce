import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { API } from '../common/http/api-prefix.js';
import { LOGIN_RATE_LIMIT, RateLimit } from '../common/http/rate-limit.guard.js';
import type { Actor } from './actor.js';
import { AuthService } from './auth.service.js';
import { AnyRole, CurrentActor, Public } from './decorators.js';
import { LocalAuthGuard } from './guards.js';
import { ChangePasswordDto, LoginDto } from './login.dto.js';

@ApiTags('auth')
@Controller(`${API}/auth`)
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @RateLimit(LOGIN_RATE_LIMIT)
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() _credentials: LoginDto, @CurrentActor() actor: Actor) {
    return { ...this.auth.issueToken(actor), user: actor };
  }

  @ApiBearerAuth()
  @AnyRole()
  @Get('me')
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @ApiBearerAuth()
  @AnyRole()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.revoke(actor);
  }

  @ApiBearerAuth()
  @AnyRole()
  @Post('refresh')
  @HttpCode(200)
  refresh(@CurrentActor() actor: Actor) {
    return this.auth.refresh(actor);
  }

  @ApiBearerAuth()
  @AnyRole()
  @Post('password')
  @HttpCode(204)
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changeOwnPassword(actor, dto.currentPassword, dto.newPassword);
  }
}
