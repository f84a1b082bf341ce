import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/**
 * `version`: the version of the case as the client saw it (optimistic lock), optional; when given and the case
 * has changed since, the step answers 409.
 */
export const SeenVersion = () =>
  applyDecorators(
    ApiPropertyOptional({ description: '所见案件的版本' }),
    IsOptional(),
    IsInt({ message: '应为整数' }),
    Min(1, { message: '应为正整数' }),
  );

/** `note`: an optional remark on the step (备注), 1 to 500 characters. */
export const OptionalNote = (example: string) =>
  applyDecorators(
    ApiPropertyOptional({ example }),
    IsOptional(),
    IsString(),
    Length(1, 500, { message: '备注应为 1 至 500 字' }),
  );
