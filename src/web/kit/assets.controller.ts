import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators.js';
import { StaticAssets } from './static-assets.js';

/** Styles, scripts and the CJK font of the pages; public, since the login page needs them. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: StaticAssets) {}

  @Public()
  @Get(':name')
  asset(@Param('name') name: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.assets.send(name, request, reply);
  }
}
