import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import type { TrialProcedure } from '../cases/procedure.js';
import { OptionalNote, SeenVersion } from '../common/validators/step-fields.js';
import { TrialProcedureChoice } from '../intake/trial-procedure.dto.js';

export class TransferToFilingDto {
  @OptionalNote('被申请人不同意调解，转立案')
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

  @TrialProcedureChoice()
  trialProcedure!: TrialProcedure;

  @OptionalNote('申请人持调解不成的材料起诉')
  note?: string;

  @SeenVersion()
  version?: number;
}
