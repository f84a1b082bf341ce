import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

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
