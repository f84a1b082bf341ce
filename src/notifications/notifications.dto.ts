import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageCursor, PageLimit } from '../common/validators/page-fields.js';

export class NotificationsQuery {
  @ApiPropertyOptional({ description: 'true：只看未读；false：只看已读；不填：全部' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: '应为 true 或 false' })
  unread?: boolean;

  @PageCursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}
