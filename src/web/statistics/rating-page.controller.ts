import { Body, Controller, Get, Post, Query, Render, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/decorators.js';
import { RateLimit } from '../../common/http/rate-limit.guard.js';
import type { FormFields } from '../kit/form-body.js';
import { RatingPageService } from './rating-page.service.js';
import { WebPages } from '../kit/web-pages.decorator.js';

/** /rate: the public rating page printed (with a QR code) on every party's notice. No account is needed. */
@WebPages()
@Controller('rate')
export class RatingPageController {
  constructor(private readonly pages: RatingPageService) {}

  @Public()
  @Get()
  @Render('rate/index')
  page(@Query('code') code?: string, @Query('done') done?: string) {
    return this.pages.page(code, done === '1');
  }

  /** The same limit as POST /api/v1/public/ratings (one bucket): guessing codes is slowed either way. */
  @Public()
  @RateLimit({ name: 'public-rating', limit: 10, windowSeconds: 600 })
  @Post()
  @Render('rate/index')
  rate(@Body() fields: FormFields, @Req() request: FastifyRequest) {
    return this.pages.rate(fields, request);
  }
}
