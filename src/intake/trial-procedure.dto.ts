import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { TRIAL_PROCEDURES, TRIAL_PROCEDURE_LABELS, type TrialProcedure } from '../cases/procedure.js';
import { oneOfMessage } from '../common/validators/one-of.js';

/** POST /cases/:id/trial-procedure: 简易/普通程序 as registered was wrong (更正审理程序). */
export class CorrectTrialProcedureDto {
  @ApiProperty({ enum: TRIAL_PROCEDURES, description: '更正后的审理程序' })
  @IsIn(TRIAL_PROCEDURES, { message: oneOfMessage(TRIAL_PROCEDURE_LABELS) })
  trialProcedure!: TrialProcedure;

  @ApiProperty({ description: '更正理由', example: '标的额超过小额诉讼标准，应适用普通程序' })
  @IsString()
  @Length(2, 500, { message: '更正理由应为 2 至 500 字' })
  reason!: string;

  @ApiPropertyOptional({ description: '乐观锁版本号' })
  @IsOptional()
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应为正整数' })
  version?: number;
}

/** `trialProcedure` of a step that files the case: 简易 or 普通程序, required. */
export const TrialProcedureChoice = () =>
  applyDecorators(
    ApiProperty({ enum: TRIAL_PROCEDURES, description: 'SIMPLE 简易程序（含小额诉讼），ORDINARY 普通程序' }),
    IsIn(TRIAL_PROCEDURES, { message: oneOfMessage(TRIAL_PROCEDURE_LABELS) }),
  );
