// The signed 调解协议: the agreement's pages exactly as the parties read them, then a signature page listing every
// signature with its time and the SHA-256 each signer signed; the court's electronic signature (court-seal.ts) goes
// over the whole file afterwards.
import { chinaDateTime } from '../common/china-time.js';
import { createPdfDocument, pdfToBuffer, writePageNumbers } from '../common/pdf.js';

interface SignatureLine {
  roleLabel: string;
  name: string;
  signedAt: Date;
  sha256: string;
  /** How the signer was identified: "短信验证码（138****0001）" or "调解员账号 mediator". */
  method: string;
}

interface SignaturePage {
  courtName: string;
  caseNumber: string | null;
  agreementSha256: string;
  effectiveAt: Date;
  signatures: SignatureLine[];
  seal: { subject: string; sha256: string; selfSigned: boolean };
}

export function renderSignaturePage(d: SignaturePage): Promise<Buffer> {
  const doc = createPdfDocument({ title: `调解协议书签署页 ${d.caseNumber ?? ''}`.trim() });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('cjk-bold').fontSize(18).text('调解协议书签署页', { align: 'center', characterSpacing: 4 });
  doc.moveDown(0.3);
  if (d.caseNumber) doc.font('cjk').fontSize(11).text(d.caseNumber, { align: 'right' });
  doc.moveDown(0.6);
  doc
    .font('cjk')
    .fontSize(11)
    .text(
      '下列各方在诉前调解案件平台上在线签署了前附调解协议书。当事人签署前均经身份核验并输入发送至其登记手机号的短信验证码；' +
        '各方签署的协议文本以其 SHA-256 摘要标识，与前附协议书相同。',
      { lineGap: 4, align: 'justify' },
    );
  doc.moveDown(0.4);
  doc.font('cjk-bold').text('协议文本 SHA-256：', { continued: true }).font('cjk').text(d.agreementSha256);
  doc.moveDown(0.6);
  d.signatures.forEach((s, i) => {
    if (doc.y + 90 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc
      .font('cjk-bold')
      .fontSize(12)
      .text(`${i + 1}. ${s.roleLabel}：${s.name}`, { lineGap: 3 });
    doc.font('cjk').fontSize(10.5);
    doc.text(`签署时间：${chinaDateTime(s.signedAt)}（北京时间）`, { indent: 18, lineGap: 2 });
    doc.text(`身份核验：${s.method}`, { indent: 18, lineGap: 2 });
    doc.text(`签署文本 SHA-256：${s.sha256}`, { indent: 18, lineGap: 2, width: width - 18 });
    doc.moveDown(0.4);
  });
  doc.moveDown(0.4);
  doc
    .font('cjk-bold')
    .fontSize(12)
    .text(`本协议于 ${chinaDateTime(d.effectiveAt)}（北京时间）最后一方签名时生效。`, { lineGap: 4 });
  doc.moveDown(0.6);
  doc
    .font('cjk')
    .fontSize(10)
    .text(
      `本文件由${d.courtName}加盖电子签名（证书：${d.seal.subject}${d.seal.selfSigned ? '，演示用自签名证书' : ''}；` +
        `证书 SHA-256 指纹 ${d.seal.sha256}）。任何改动都会使电子签名失效，可用 PDF 阅读器或 pdfsig 验证。`,
      { lineGap: 3, align: 'justify' },
    );
  writePageNumbers(doc, undefined, d.courtName);
  return pdfToBuffer(doc);
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    'signature-page': SignaturePage;
  }
}
