import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { OnBehalfReason } from '../cases/on-behalf-reason.js';
import { CASE_DIFFICULTIES } from './case-difficulty.js';
import {
  FAILURE_REASONS,
  OUTCOME_RESULTS,
  SETTLEMENT_METHODS,
  type OutcomeResult,
} from './mediation-outcome.entity.js';

class SettlementDoc {
  @ApiProperty({ enum: SETTLEMENT_METHODS })
  method!: string;

  @ApiProperty({ description: '调解协议内容（1 至 20000 字）' })
  agreement!: string;

  @ApiProperty({ example: '8000.00', description: '协议金额（元，最多两位小数）', type: String })
  amount!: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '履行期限（不早于今天）' })
  performanceDueOn?: string;
}

/**
 * The outcome of mediation. The fields depend on `result` and are checked
 * together in outcome-rules.ts (a field of another result is an error).
 */
export class RecordOutcomeDto {
  @ApiProperty({ enum: OUTCOME_RESULTS })
  @IsIn(OUTCOME_RESULTS, { message: '应为 SETTLED（调解成功）、FAILED（调解不成）或 WITHDRAWN（撤回）' })
  result!: OutcomeResult;

  @ApiPropertyOptional({ type: SettlementDoc, description: 'SETTLED：调解协议' })
  @Allow()
  settlement?: unknown;

  @ApiPropertyOptional({ description: 'FAILED：无争议事实（必填，1 至 20000 字）' })
  @Allow()
  undisputedFacts?: unknown;

  @ApiPropertyOptional({ enum: FAILURE_REASONS, description: 'FAILED：调解不成原因（必填）' })
  @Allow()
  failureReason?: unknown;

  @ApiPropertyOptional({ description: 'FAILED：具体原因（原因为 OTHER 时必填）' })
  @Allow()
  failureReasonText?: unknown;

  @ApiPropertyOptional({ description: 'WITHDRAWN：撤回理由' })
  @Allow()
  withdrawalReason?: unknown;

  @ApiPropertyOptional({
    enum: CASE_DIFFICULTIES,
    description: '案件难易程度：SIMPLE 简单、ORDINARY 一般、COMPLEX 复杂（以案定补；默认按案由的配置，未配置的为一般）',
  })
  @Allow()
  difficulty?: unknown;

  @ApiPropertyOptional({ example: '2026-09-20', description: '调解结束之日（默认今天）' })
  @Allow()
  concludedOn?: unknown;

  @OnBehalfReason()
  onBehalfReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
