import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min, Validate } from 'class-validator';
import { IsoDate } from '../common/validators/iso-date.validator.js';

export class ExtendPeriodDto {
  @ApiProperty({ example: 15, description: '延长天数（1 至 30），自原期限届满之日起算' })
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少延长 1 天' })
  @Max(30, { message: '一次最多延长 30 天' })
  days!: number;

  @ApiProperty({ example: '双方同意延长以便被申请人筹措款项' })
  @IsString()
  @Length(1, 500, { message: '延长理由应为 1 至 500 字' })
  reason!: string;

  @ApiPropertyOptional({ description: '申请人同意延长（须为 true）' })
  @IsOptional()
  @IsBoolean()
  plaintiffConsent?: boolean;

  @ApiPropertyOptional({ description: '被申请人同意延长（须为 true）' })
  @IsOptional()
  @IsBoolean()
  defendantConsent?: boolean;

  @ApiPropertyOptional({ example: '2026-09-20', description: '双方同意延长之日，默认今天' })
  @IsOptional()
  @Validate(IsoDate)
  consentedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
