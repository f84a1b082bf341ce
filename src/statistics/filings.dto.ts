import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const COUNT_MESSAGE = '应为 0 至 10000000 的整数';

/** The court's first-instance civil filings (一审民事收案数) of a month. */
export class PutFilingsDto {
  @ApiProperty({ description: '本院当月一审民事收案数（来自审判流程管理系统）', minimum: 0, example: 1234 })
  @IsInt({ message: COUNT_MESSAGE })
  @Min(0, { message: COUNT_MESSAGE })
  @Max(10_000_000, { message: COUNT_MESSAGE })
  count!: number;

  @ApiPropertyOptional({ description: '理由：已关账的月份录入或更正时必填' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '应为文本' })
  @Length(1, 1000, { message: '理由应为 1 至 1000 字' })
  reason?: string;
}

export class FilingsQuery {
  @ApiProperty({ example: '2026', description: '年度' })
  @IsString({ message: '应为年度，格式 YYYY' })
  @Matches(/^\d{4}$/, { message: '应为年度，格式 YYYY' })
  year!: string;
}
