import { pdfFile } from '../common/http/file-response.js';
import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/actor.js';
import { CurrentActor, AnyRole, Permission } from '../auth/decorators.js';
import { Step } from '../cases/case-step-route.js';
import { API } from '../common/http/api-prefix.js';
import { ApiLoggedIn, ApiRoute } from '../common/http/api-docs.js';
import { Idempotent } from '../common/http/idempotency.interceptor.js';
import { TrialFeeService } from './trial-fee.service.js';
import {
  AcceptanceFeeQuery,
  DeemedWithdrawalDto,
  FeePaymentDto,
  OpenFeeNoticesQuery,
  TransferToTrialDto,
} from './trial.dto.js';
import {
  caseWithFeeNoticeSchema,
  feeNoticeSchema,
  feeQuoteSchema,
  openFeeNoticesSchema,
  transferredToTrialSchema,
} from './trial-view.schema.js';

@ApiTags('trial')
@ApiLoggedIn()
@Controller(API)
export class TrialController {
  constructor(private readonly fees: TrialFeeService) {}

  @ApiRoute({
    summary: '计算案件受理费（《诉讼费用交纳办法》第十三条、第十六条）',
    ok: feeQuoteSchema,
    errors: [400, 403],
  })
  // The calculator: any of the court's staff may work out a fee for a person at the window.
  @AnyRole()
  @Get('fees/acceptance')
  acceptance(@Query() query: AcceptanceFeeQuery) {
    return this.fees.quote(query);
  }

  @ApiRoute({ summary: '本院待交费的案件（可只列逾期未交的）', ok: openFeeNoticesSchema, errors: [400, 403] })
  @Step('recordFeePayment', 'deemWithdrawn')
  @Get('fee-notices')
  open(@CurrentActor() actor: Actor, @Query() query: OpenFeeNoticesQuery) {
    return this.fees.openNotices(actor, query.overdue === 'true');
  }

  @ApiRoute({
    summary: '转入审理：发出交费通知（先行调解案件），随案生成电子卷宗',
    created: transferredToTrialSchema,
    errors: [400, 403, 404, 409],
  })
  @Step('transferToTrial')
  @Post('cases/:id/transfer-to-trial')
  @Idempotent()
  transfer(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: TransferToTrialDto) {
    return this.fees.transferToTrial(actor, id, dto);
  }

  @ApiRoute({ summary: '案件的交费通知', ok: feeNoticeSchema, errors: [403, 404] })
  @Permission('cases.read')
  @Get('cases/:id/fee-notice')
  notice(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.fees.notice(actor, id);
  }

  @ApiRoute({ summary: '交纳诉讼费用通知书（PDF）', file: ['application/pdf'], errors: [403, 404] })
  @Permission('fees.printNotice')
  @Get('cases/:id/fee-notice/pdf')
  @Header('Cache-Control', 'no-store')
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    const { pdf, filename } = await this.fees.pdf(actor, id);
    return pdfFile(pdf, filename);
  }

  @ApiRoute({
    summary: '登记交费，或缓交、减交、免交：转入审理',
    created: caseWithFeeNoticeSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('recordFeePayment', 'grantFeeRelief')
  @Post('cases/:id/fee-payment')
  @Idempotent()
  payment(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: FeePaymentDto) {
    return this.fees.recordPayment(actor, id, dto);
  }

  @ApiRoute({
    summary: '逾期未交费，按撤诉处理',
    created: caseWithFeeNoticeSchema,
    errors: [400, 403, 404, 409, 422],
  })
  @Step('deemWithdrawn')
  @Post('cases/:id/deemed-withdrawal')
  @Idempotent()
  deemedWithdrawal(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: DeemedWithdrawalDto) {
    return this.fees.deemWithdrawn(actor, id, dto);
  }
}
