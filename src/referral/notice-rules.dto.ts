import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import type { NoticeTemplate } from '../intake/case-types.js';
import { NOTICE_TEMPLATES } from './notice-text.js';

export class PutNoticeRuleDto {
  @ApiProperty({ description: '是否建议诉前调解' })
  @IsBoolean({ message: 'mediationSuggested：应为 true 或 false' })
  mediationSuggested!: boolean;

  @ApiProperty({ enum: NOTICE_TEMPLATES, description: '告知书模板' })
  @IsIn(NOTICE_TEMPLATES, { message: 'noticeTemplate：应为 GENERAL、FINANCIAL、LABOUR 或 FAMILY' })
  noticeTemplate!: NoticeTemplate;

  @ApiPropertyOptional({ description: '不适宜调解的理由（不建议调解时必填）', example: '涉及身份关系确认' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'unsuitableReason：理由应为 1 至 200 字' })
  unsuitableReason?: string;

  @ApiPropertyOptional({ description: '所见规则的版本（0：尚为默认规则）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}
