import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../cursor.js';

/** `cursor` of a paged list: the previous page's nextCursor (common/cursor.ts). */
export const PageCursor = () => applyDecorators(ApiPropertyOptional(), IsOptional(), IsString(), MaxLength(500));

/** `limit` of a paged list: 1 to MAX_PAGE_SIZE rows, 50 when left out. */
export const PageLimit = () =>
  applyDecorators(
    ApiPropertyOptional({ default: 50, maximum: MAX_PAGE_SIZE }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: '应为整数' }),
    Min(1, { message: '至少为 1' }),
    Max(MAX_PAGE_SIZE, { message: `不能超过 ${MAX_PAGE_SIZE}` }),
  );
