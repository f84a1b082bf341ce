import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor.js';
import { CurrentActor, Roles } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ResetPasswordDto } from '../auth/login.dto.js';
import { CreateUserDto, UpdateUserDto } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller(`${API}/users`)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('ADMIN')
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.users.list(actor);
  }

  @Roles('ADMIN')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.users.get(actor, id);
  }

  @Roles('ADMIN')
  @Post()
  @Idempotent()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Roles('ADMIN')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Roles('ADMIN')
  @Post(':id/password-reset')
  @HttpCode(204)
  async resetPassword(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ResetPasswordDto) {
    await this.users.resetPassword(actor, id, dto.newPassword);
  }
}
