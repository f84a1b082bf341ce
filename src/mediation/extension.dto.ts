import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min, Validate } from 'class-validator';
import { IsoDate } from '../common/validators/iso-date.validator.js';

export class ExtendPeriodDto {
  // How many days a case may get is a rule of its procedure (先行调解: once, at most 30; otherwise the
  // deployment's cap in all), answered 422 by the service; the shape only bounds the number.
  @ApiProperty({
    example: 15,
    description: '延长天数：先行调解只能延长一次、最多 30 天；其他程序累计不超过本院上限（默认 30 天）',
  })
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '至少延长 1 天' })
  @Max(365, { message: '不能超过 365 天' })
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
