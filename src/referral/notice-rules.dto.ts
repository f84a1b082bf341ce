import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { NOTICE_TEMPLATES, type NoticeTemplate } from '../cases/case-types.js';
import { oneOfMessage } from '../common/validators/one-of.js';
import { TEMPLATE_LABELS } from './notice-text.js';

export class PutNoticeRuleDto {
  @ApiProperty({ description: '是否建议诉前调解' })
  @IsBoolean({ message: '应为 true 或 false' })
  mediationSuggested!: boolean;

  @ApiProperty({ enum: NOTICE_TEMPLATES, description: '告知书模板' })
  @IsIn(NOTICE_TEMPLATES, { message: oneOfMessage(TEMPLATE_LABELS) })
  noticeTemplate!: NoticeTemplate;

  @ApiPropertyOptional({ description: '不适宜调解的理由（不建议调解时必填）', example: '涉及身份关系确认' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: '理由应为 1 至 200 字' })
  unsuitableReason?: string;

  @ApiPropertyOptional({ description: '所见规则的版本（0：尚为默认规则）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}
