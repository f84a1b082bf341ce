// 电子送达凭证 (在线诉讼规则 art. 35: it has the force of a 送达回证): one service record printed — who was served
// which document, by which channel, when it was sent, reached, opened and acted on, and when service was complete
// and by which rule. The court's electronic signature goes over the file afterwards (court-seal.ts).
import { chinaDateTime } from '../common/china-time.js';
import { createPdfDocument, pdfToBuffer, writePageNumbers } from '../common/pdf.js';

interface ServiceReceipt {
  courtName: string;
  caseNumber: string | null;
  recordId: string;
  partyName: string;
  partyRoleLabel: string;
  documentTitle: string;
  channelLabel: string;
  /** The electronic address it went to, masked (138****0001). */
  address: string | null;
  addressConfirmed: boolean;
  sentAt: Date;
  reachedAt: Date | null;
  openedAt: Date | null;
  actedAt: Date | null;
  completedAt: Date | null;
  completionBasisLabel: string | null;
  messageId: string | null;
  printedAt: Date;
}

const at = (d: Date | null) => (d ? `${chinaDateTime(d)}（北京时间）` : '—');

export function renderServiceReceipt(r: ServiceReceipt): Promise<Buffer> {
  const doc = createPdfDocument({ title: `电子送达凭证 ${r.caseNumber ?? ''}`.trim(), author: r.courtName });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font('cjk-bold').fontSize(20).text(r.courtName, { align: 'center' });
  doc.moveDown(0.2);
  doc.font('cjk-bold').fontSize(18).text('电子送达凭证', { align: 'center', characterSpacing: 6 });
  doc.moveDown(0.3);
  if (r.caseNumber) doc.font('cjk').fontSize(11).text(r.caseNumber, { align: 'right' });
  doc.moveDown(0.5);
  const rows: [string, string][] = [
    ['受送达人', `${r.partyName}（${r.partyRoleLabel}）`],
    ['送达文书', r.documentTitle],
    ['送达方式', r.channelLabel],
    ['送达地址', r.address ?? '—'],
    ['电子送达地址确认', r.addressConfirmed ? '受送达人已同意电子送达并确认送达地址' : '未确认'],
    ['发送时间', at(r.sentAt)],
    ['到达时间', at(r.reachedAt)],
    ['查阅时间', at(r.openedAt)],
    ['受送达人回复或操作时间', at(r.actedAt)],
    ['送达完成时间', r.completedAt ? at(r.completedAt) : '尚未完成'],
    ['送达完成依据', r.completionBasisLabel ?? '—'],
    ['送达记录编号', r.recordId],
    ['短信或邮件编号', r.messageId ?? '—'],
  ];
  const labelWidth = 150;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc
      .font('cjk-bold')
      .fontSize(11.5)
      .text(label, doc.page.margins.left, y, { width: labelWidth - 10 });
    const afterLabel = doc.y;
    doc
      .font('cjk')
      .fontSize(11.5)
      .text(value, doc.page.margins.left + labelWidth, y, { width: width - labelWidth, lineGap: 2 });
    doc.y = Math.max(doc.y, afterLabel) + 6;
    doc
      .moveTo(doc.page.margins.left, doc.y - 3)
      .lineTo(doc.page.margins.left + width, doc.y - 3)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
  }
  doc.moveDown(1);
  doc
    .font('cjk')
    .fontSize(10.5)
    .fillColor('#000000')
    .text(
      '依据《中华人民共和国民事诉讼法》第九十条和《人民法院在线诉讼规则》第二十九条至第三十五条，本凭证记载的电子送达情况由诉前调解案件平台自动生成，' +
        '与送达回证具有同等效力。本文件加盖法院电子签名，任何改动都会使签名失效。',
      doc.page.margins.left,
      doc.y,
      { width, lineGap: 3, align: 'justify' },
    );
  doc.moveDown(0.8);
  doc.text(`打印时间：${chinaDateTime(r.printedAt)}（北京时间）`, { align: 'right' });
  writePageNumbers(doc, undefined, r.courtName);
  return pdfToBuffer(doc);
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    'service-receipt': ServiceReceipt;
  }
}
