import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import {
  ADDRESS_VERIFICATION_METHODS,
  ADDRESS_VERIFICATION_RESULTS,
  type AddressVerificationMethod,
  type AddressVerificationResult,
} from '../cases/party.entity.js';

/** POST /cases/:id/address-verification: the clerk's check of a defendant's service address (送达地址核实). */
export class AddressVerificationDto {
  @ApiProperty({ description: '被申请人（被告）当事人编号' })
  @IsUUID('all', { message: '应为当事人编号（UUID）' })
  partyId!: string;

  @ApiProperty({ enum: ADDRESS_VERIFICATION_METHODS, description: '核实方式：电话、当面、户籍查询、邮寄、其他' })
  @IsIn(ADDRESS_VERIFICATION_METHODS, {
    message:
      '应为 PHONE（电话核实）、IN_PERSON（当面核实）、HOUSEHOLD_REGISTRATION（户籍信息查询）、POSTAL（邮寄核实）或 OTHER（其他方式）',
  })
  method!: AddressVerificationMethod;

  @ApiProperty({ enum: ADDRESS_VERIFICATION_RESULTS, description: '核实结果：属实、已更正、无法联系' })
  @IsIn(ADDRESS_VERIFICATION_RESULTS, {
    message: '应为 CONFIRMED（地址属实）、CORRECTED（已更正地址）或 UNREACHABLE（无法联系）',
  })
  result!: AddressVerificationResult;

  @ApiPropertyOptional({ description: '更正后的送达地址（result 为 CORRECTED 时必填）' })
  @IsOptional()
  @IsString()
  @Length(1, 300, { message: '送达地址应为 1 至 300 字' })
  correctedAddress?: string;

  @ApiPropertyOptional({ description: '核实情况说明' })
  @IsOptional()
  @IsString()
  @Length(1, 1000, { message: '说明应为 1 至 1000 字' })
  note?: string;

  @ApiPropertyOptional({ description: '乐观锁版本号' })
  @IsOptional()
  @IsInt({ message: '应为整数' })
  @Min(1, { message: '应为正整数' })
  version?: number;
}
