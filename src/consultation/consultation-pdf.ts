// The printable letter and reply (《执行咨询函》 with the bureau's 执行建议), in Chinese.
import { pdfToBuffer, createPdfDocument } from '../common/pdf.js';

interface ConsultationPdfData {
  courtName: string;
  letterNumber: string;
  caseNumber: string | null;
  caseType: string;
  /** Yuan, two decimals. */
  claimAmount: string;
  /** "申请人（原告）：张三，公民身份号码 …，住址 …" lines. */
  parties: string[];
  senderName: string;
  divisionName: string;
  sentAt: string;
  priorityLabel: string;
  dueOn: string;
  questions: string[];
  otherQuestion: string | null;
  attachmentNames: string[];
  reply: {
    assessmentLabel: string;
    opinion: string;
    suggestions: string[];
    officerName: string;
    repliedAt: string;
    version: number;
    correctionReason: string | null;
    overdue: boolean;
  } | null;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.8).font('cjk-bold').fontSize(13).text(text).font('cjk').fontSize(11).moveDown(0.3);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('cjk-bold').text(`${label}：`, { continued: true }).font('cjk').text(value);
}

function numbered(doc: PDFKit.PDFDocument, items: string[]): void {
  items.forEach((item, i) => doc.text(`${i + 1}. ${item}`, { indent: 12 }));
}

function replySection(doc: PDFKit.PDFDocument, reply: NonNullable<ConsultationPdfData['reply']>): void {
  field(doc, '评估结论', reply.assessmentLabel);
  field(doc, '意见及理由', reply.opinion);
  if (reply.suggestions.length > 0) {
    doc.font('cjk-bold').text('建议：').font('cjk');
    numbered(doc, reply.suggestions);
  }
  field(doc, '答复人', reply.officerName);
  field(doc, '答复时间', `${reply.repliedAt}${reply.overdue ? '（超期答复）' : ''}`);
  if (reply.version > 1) field(doc, '更正', `第 ${reply.version} 版，更正原因：${reply.correctionReason ?? ''}`);
}

export function renderConsultationPdf(data: ConsultationPdfData): Promise<Buffer> {
  const doc = createPdfDocument({ title: `执行咨询函 ${data.letterNumber}`, author: data.courtName });
  doc.font('cjk-bold').fontSize(16).text(data.courtName, { align: 'center' });
  doc.fontSize(22).text('执行咨询函', { align: 'center' });
  doc.font('cjk').fontSize(11).moveDown(0.3).text(data.letterNumber, { align: 'right' }).moveDown(0.5);

  doc.text('本院执行局：');
  doc.text('因审理（调解）下列案件需要，现就相关执行问题征询你局意见，请于答复期限前书面答复。', { indent: 22 });
  heading(doc, '一、案件情况');
  field(doc, '案号', data.caseNumber ?? '（尚未编号）');
  field(doc, '案由', data.caseType);
  field(doc, '标的额', `${data.claimAmount}元`);
  data.parties.forEach((line) => doc.text(line));
  heading(doc, '二、咨询事项');
  numbered(doc, data.questions);
  if (data.otherQuestion) field(doc, '其他', data.otherQuestion);
  if (data.attachmentNames.length > 0) field(doc, '附件', data.attachmentNames.join('；'));
  heading(doc, '三、发函信息');
  field(doc, '发函部门', data.divisionName);
  field(doc, '承办人', data.senderName);
  field(doc, '发函时间', data.sentAt);
  field(doc, '紧急程度', data.priorityLabel);
  field(doc, '答复期限', data.dueOn);

  heading(doc, '四、执行局答复意见（执行建议）');
  if (data.reply) replySection(doc, data.reply);
  else doc.text('（尚未答复）');
  return pdfToBuffer(doc);
}

declare module '../common/document-renderer.js' {
  interface DocumentModels {
    consultation: ConsultationPdfData;
  }
}
