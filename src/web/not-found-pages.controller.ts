// Any path no route knows: people get the Chinese 404 page (with their menu when logged in); programs calling
// /api/... keep the JSON error. find-my-way matches the longest static prefix first, so `api/*` wins over `*`
// for API paths and every real route wins over both.
import { Controller, Get, Render, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/decorators.js';
import { NotFoundError } from '../common/errors.js';
import { OptionalSessionGuard } from './kit/optional-session.guard.js';
import { WebPages } from './kit/web-pages.decorator.js';

const pageNotFound = () =>
  new NotFoundError('PAGE_NOT_FOUND', '您要打开的页面不存在，可能是地址输错了或页面已经移动。');

// Not an operation of the API: kept out of its document.
@ApiExcludeController()
@Controller('api')
export class ApiNotFoundController {
  @Public()
  @Get('*')
  unknownApiPath(): never {
    throw new NotFoundError('NOT_FOUND', '请求的地址不存在');
  }
}

@WebPages()
@Controller()
export class NotFoundPagesController {
  @Public()
  @UseGuards(OptionalSessionGuard)
  @Get('*')
  @Render('error')
  unknownPage(): never {
    throw pageNotFound();
  }
}
