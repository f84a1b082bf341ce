import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  Length,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { parseYuan } from '../common/money.js';
import { IsoDate } from '../common/validators/iso-date.validator.js';
import { oneOfMessage } from '../common/validators/one-of.js';
import { TRIAL_PROCEDURE_LABELS, TRIAL_PROCEDURES, type TrialProcedure } from '../cases/procedure.js';
import { FEE_RELIEF_LABELS, FEE_RELIEFS, type FeeRelief } from './fee-rules.js';
import { SeenVersion } from '../common/validators/step-fields.js';

/** Yuan with at most two decimals, as a string or a number (money.ts says what is wrong). */
@ValidatorConstraint({ name: 'yuan' })
class IsYuan implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return 'fen' in parseYuan(value);
  }
  defaultMessage(): string {
    return '应为金额（元），最多两位小数，例如 12000.50';
  }
}

export class AcceptanceFeeQuery {
  @ApiProperty({ example: '100000.00', description: '诉讼请求金额（元，最多两位小数）' })
  @Validate(IsYuan)
  amount!: string;

  @ApiPropertyOptional({ example: '民间借贷纠纷', description: '案由（不填按财产案件计算）' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '应为 1 至 100 字' })
  caseType?: string;

  @ApiPropertyOptional({ enum: TRIAL_PROCEDURES, description: '审理程序（简易程序减半；不填按普通程序）' })
  @IsOptional()
  @IsIn(TRIAL_PROCEDURES, { message: oneOfMessage(TRIAL_PROCEDURE_LABELS) })
  trialProcedure?: TrialProcedure;
}

export class TransferToTrialDto {
  @SeenVersion()
  version?: number;
}

/** A payment `{paidOn, amount}`, or a relief `{relief, decidedOn, reason?}` (减交 may carry what was paid). */
export class FeePaymentDto {
  @ApiPropertyOptional({ example: '2026-11-03', description: '交费日期（登记交费时必填）' })
  @IsOptional()
  @Validate(IsoDate)
  paidOn?: string;

  @ApiPropertyOptional({ example: '2300.00', description: '交费金额（元，登记交费时必填）', type: String })
  @IsOptional()
  @Validate(IsYuan)
  amount?: string | number;

  @ApiPropertyOptional({ enum: FEE_RELIEFS, description: '缓交、减交或免交（司法救助）' })
  @IsOptional()
  @IsIn(FEE_RELIEFS, { message: oneOfMessage(FEE_RELIEF_LABELS) })
  relief?: FeeRelief;

  @ApiPropertyOptional({ example: '2026-11-03', description: '准予缓交、减交、免交的决定日期' })
  @IsOptional()
  @Validate(IsoDate)
  decidedOn?: string;

  @ApiPropertyOptional({ example: '原告系低保户，申请免交' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '应为 1 至 500 字' })
  reason?: string;

  @SeenVersion()
  version?: number;
}

export class DeemedWithdrawalDto {
  @ApiProperty({ example: '2026-11-12', description: '按撤诉处理的裁定日期' })
  @Validate(IsoDate)
  ruledOn!: string;

  @SeenVersion()
  version?: number;
}

/** The clerk's list of fee notices still waiting for a payment. */
export class OpenFeeNoticesQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '只列逾期未交的（true）' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: '应为 true（只列逾期的）或 false' })
  overdue?: 'true' | 'false';
}
