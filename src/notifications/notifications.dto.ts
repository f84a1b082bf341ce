import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../common/cursor.js';

export class NotificationsQuery {
  @ApiPropertyOptional({ description: 'true：只看未读；false：只看已读；不填：全部' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '应为 true 或 false' })
  unread?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少为 1' })
  @Max(MAX_PAGE_SIZE, { message: `不能超过 ${MAX_PAGE_SIZE}` })
  limit?: number;
}
