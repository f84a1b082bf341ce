import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { TRIAL_PROCEDURES, type TrialProcedure } from '../cases/procedure.js';
import { SeenVersion } from '../common/validators/seen-version.js';

export class TransferToFilingDto {
  @ApiPropertyOptional({ example: '被申请人不同意调解，转立案' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '备注应为 1 至 500 字' })
  note?: string;

  @SeenVersion()
  version?: number;
}

/** 起诉立案 after failed non-litigation mediation: the 民初 case with its trial procedure. */
export class FileSuitDto {
  @ApiPropertyOptional({
    example: '(2026)京0105民初123号',
    description: '民初案号：由审判流程管理系统编号的法院必填；由平台编号的法院不填，自动按序编号',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '案号应为 1 至 100 字' })
  filingNumber?: string;

  @ApiProperty({ enum: TRIAL_PROCEDURES, description: 'SIMPLE 简易程序（含小额诉讼），ORDINARY 普通程序' })
  @IsIn(TRIAL_PROCEDURES, { message: '应为 SIMPLE（简易程序）或 ORDINARY（普通程序）' })
  trialProcedure!: TrialProcedure;

  @ApiPropertyOptional({ example: '申请人持调解不成的材料起诉' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '备注应为 1 至 500 字' })
  note?: string;

  @SeenVersion()
  version?: number;
}
