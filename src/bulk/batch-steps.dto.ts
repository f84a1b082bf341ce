import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export class BatchFileQuery {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'], { message: '应为 xlsx 或 csv' })
  format?: 'xlsx' | 'csv';
}

export class BatchNoticesPdfQuery {
  @ApiPropertyOptional({ description: '第几部分（每个文件至多 300 份告知书）', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应不小于 1' })
  @Max(1000, { message: '应不大于 1000' })
  part?: number;
}
