import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

export class TransferToFilingDto {
  @ApiPropertyOptional({ example: '被申请人不同意调解，转立案' })
  @IsOptional()
  @IsString()
  @Length(1, 500, { message: '备注应为 1 至 500 字' })
  note?: string;

  @ApiPropertyOptional({ description: '所见案件的版本' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
