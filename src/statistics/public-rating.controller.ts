import { Body, Controller, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { API } from '../common/http/api-prefix.js';
import { ApiRoute, bool, instant, int, object } from '../common/http/api-docs.js';
import { RateLimit } from '../common/http/rate-limit.guard.js';
import { PublicRatingService } from './public-rating.service.js';
import { RatingOrigins } from './rating-origin.js';
import { PublicRatingDto } from './statistics.dto.js';

@ApiTags('public')
@Controller(`${API}/public/ratings`)
export class PublicRatingController {
  constructor(
    private readonly ratings: PublicRatingService,
    private readonly origins: RatingOrigins,
  ) {}

  /** 群众评价 without an account; guessing codes is slowed by the per-address limit. */
  @ApiRoute({
    summary: '群众评价（凭评价码，无需登录）',
    created: object({ rated: bool(), score: int('1 至 5'), ratedAt: instant }, '评价已记录'),
    errors: [400, 404, 409, 422],
  })
  @Public()
  @RateLimit({ name: 'public-rating', limit: 10, windowSeconds: 600 })
  @Post()
  async rate(@Body() dto: PublicRatingDto, @Req() request: FastifyRequest) {
    return this.ratings.rate(dto, await this.origins.of(request));
  }
}
