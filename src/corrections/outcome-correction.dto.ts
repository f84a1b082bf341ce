import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsString, Length } from 'class-validator';
import { FAILURE_REASONS, OUTCOME_RESULTS, SETTLEMENT_METHODS } from '../mediation/mediation-outcome.entity.js';
import { Version } from './corrections.dto.js';

class SettlementCorrectionDoc {
  @ApiPropertyOptional({ enum: SETTLEMENT_METHODS, description: '结案方式（本案程序允许的）' })
  method?: string;

  @ApiPropertyOptional({ description: '调解协议内容（1 至 20000 字）' })
  agreement?: string;

  @ApiPropertyOptional({ example: '8000.00', description: '协议金额（元，最多两位小数）', type: String })
  amount?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '履行期限（不早于今天；null 清除）', nullable: true })
  performanceDueOn?: string | null;
}

/**
 * PATCH /cases/:id/outcome: a recorded outcome's texts and figures, corrected while the next step has not been
 * taken (with a reason). The result itself is not correctable; the fields are checked by the outcome's own rules
 * (src/mediation/outcome-rules.ts) on the outcome as it would be after the change.
 */
export class CorrectOutcomeDto {
  @Version()
  version!: number;

  @ApiProperty({ description: '更正理由' })
  @IsString()
  @Length(2, 500, { message: '更正理由应为 2 至 500 字' })
  reason!: string;

  @ApiPropertyOptional({ enum: OUTCOME_RESULTS, description: '调解结果：只能与登记的相同（结果本身不能更正）' })
  @Allow()
  result?: unknown;

  @ApiPropertyOptional({ type: SettlementCorrectionDoc, description: '调解成功：要更正的协议内容（只填要改的项）' })
  @Allow()
  settlement?: unknown;

  @ApiPropertyOptional({ description: '调解不成：无争议事实' })
  @Allow()
  undisputedFacts?: unknown;

  @ApiPropertyOptional({ enum: FAILURE_REASONS, description: '调解不成原因' })
  @Allow()
  failureReason?: unknown;

  @ApiPropertyOptional({ description: '调解不成的具体原因（原因为 OTHER 时必填）' })
  @Allow()
  failureReasonText?: unknown;

  @ApiPropertyOptional({ example: '2026-09-20', description: '调解结束之日' })
  @Allow()
  concludedOn?: unknown;
}
