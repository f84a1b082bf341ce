import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/**
 * The `onBehalfReason` field of a step that is the mediator's own work (签收, sessions, outcomes): why the
 * coordinator records it for a mediator who has an account (代为录入). See `onBehalfOf` in the transition table.
 */
export function OnBehalfReason(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      example: '调解员在外地，电话告知调解情况',
      description: '代为录入的理由（1 至 200 字）：协调员替有账号的调解员登记时必填；替没有账号的调解员登记时可不填',
    }),
    IsOptional(),
    IsString(),
    Length(1, 200, { message: '代为录入的理由应为 1 至 200 字' }),
  );
}
