import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { TemplateFormat } from './batch-template.js';

export class BatchTemplateQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: '应为 csv 或 xlsx' })
  format?: TemplateFormat;
}

export class BatchReportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'], { message: '应为 csv 或 xlsx' })
  format?: 'csv' | 'xlsx';
}
