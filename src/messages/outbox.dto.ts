import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class OutboxQuery {
  @ApiPropertyOptional({ description: '收件人（手机号或电子邮箱），不填：最近的全部消息', example: '13800138000' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: '应为 1 至 200 个字符' })
  to?: string;
}
