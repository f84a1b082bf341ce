import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';

export class PutUpAgreementDto {
  @ApiProperty({
    description:
      '调解协议：method（履行方式）、agreement（协议内容）、amount（元）、performanceDueOn（履行期限），同登记调解成功',
  })
  @Allow()
  settlement!: unknown;

  @ApiPropertyOptional({ description: '案件难易程度：SIMPLE、ORDINARY、COMPLEX' })
  @Allow()
  difficulty?: unknown;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

export class MediatorSignatureDto {
  @ApiProperty({ description: '所签署协议文本的 SHA-256（小写十六进制）' })
  @IsString()
  @Matches(SHA256, { message: '应为 64 位小写十六进制的 SHA-256' })
  sha256!: string;
}

export class PartySignatureDto {
  @ApiProperty({ example: '123456', description: '签署用的短信验证码' })
  @IsString()
  @Matches(/^\d{6}$/, { message: '应为 6 位数字' })
  code!: string;

  @ApiProperty({ description: '所阅读并签署的协议文本的 SHA-256（小写十六进制）' })
  @IsString()
  @Matches(SHA256, { message: '应为 64 位小写十六进制的 SHA-256' })
  sha256!: string;
}

export class PartyRefusalDto {
  @ApiProperty({ example: '对还款期限有异议', description: '拒绝签署的理由（2 至 200 字）' })
  @IsString()
  @Length(2, 200, { message: '应为 2 至 200 字' })
  reason!: string;
}
