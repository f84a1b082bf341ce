// The case's state in plain words for a party (not the court's status names), and what they may do now.
import type { CaseStatus } from '../cases/case-status.js';

export const PLAIN_STATUS: Record<CaseStatus, string> = {
  REGISTERED: '法院已登记您的案件，正在准备告知书。',
  NOTICE_ISSUED: '法院已向您发出告知书，请阅读后表明是否同意调解。',
  REFUSED: '有当事人不同意调解，案件将按诉讼程序继续处理。',
  REFERRED: '各方都同意调解，法院正在为案件安排调解员。',
  ASSIGNED: '调解员已确定，将与您联系安排调解。',
  IN_MEDIATION: '案件正在调解中。',
  SETTLED: '调解成功，各方已达成协议。',
  FAILED: '调解未能达成协议，案件将按诉讼程序继续处理。',
  WITHDRAWN: '申请人已撤回申请。',
  EXPIRED: '调解期限已满，案件将按诉讼程序继续处理。',
  TRANSFERRED: '案件已转入立案程序。',
  FEE_PENDING: '案件将转入审理，原告需按通知交纳诉讼费。',
  IN_TRIAL: '案件已转入审理。',
  DEEMED_WITHDRAWN: '原告未按期交费，案件已按撤诉处理。',
  CANCELLED: '该案件的登记有误，法院已撤销登记，无需处理。',
};
