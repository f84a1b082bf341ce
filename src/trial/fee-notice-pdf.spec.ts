import { formatYuan } from '../common/money.js';
import { acceptanceFee } from './acceptance-fee.js';
import { renderFeeNoticePdf, type FeeNoticeContent } from './fee-notice-pdf.js';

/** Pages of a PDF as pdfkit writes them (one `/Type /Page` object per page). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('the printed 《交纳诉讼费用通知书》', () => {
  it('keeps the longest computation (普通程序), three plaintiffs and a provisional last day on one A4 page', async () => {
    // Every band of art. 13: a claim over 20 million yuan (简易程序 is for simple cases; such a claim is 普通程序).
    const fee = acceptanceFee({ claimFen: 3_000_000_000n, trialProcedure: 'ORDINARY' });
    const content: FeeNoticeContent = {
      courtName: '北京市朝阳区人民法院',
      courtAddress: '北京市朝阳区朝阳公园南路1号',
      courtPhone: '010-12345678',
      filingNumber: '(2026)京0105民初12345号',
      caseType: '建设工程施工合同纠纷',
      plaintiffs: ['北京某某建设集团有限公司', '张三', '李四'],
      defendants: ['北京某某房地产开发有限公司', '王五'],
      claimAmount: formatYuan(3_000_000_000n),
      trialProcedureLabel: '普通程序',
      feeKindLabel: '财产案件',
      lines: fee.lines.map((l) => ({
        label: l.label,
        base: l.baseFen === null ? null : formatYuan(l.baseFen),
        rate: l.rate,
        amount: formatYuan(l.fen),
      })),
      fullAmount: formatYuan(fee.fullFen),
      amount: formatYuan(fee.fen),
      halved: false,
      basis: fee.basis,
      issuedOn: '2026-12-28',
      dueOn: '2027-01-04',
      dueOnProvisional: true,
    };
    expect(fee.lines).toHaveLength(10);
    const pdf = await renderFeeNoticePdf(content);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
  });
});
