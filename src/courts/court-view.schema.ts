// The court views of court.service.ts as JSON schemas for the API document.
import type { SchemaObject } from '../common/http/api-docs.js';
import * as s from '../common/http/schemas.js';

const courtRef = { id: s.uuid, code: s.str('法院代字，如 京0105'), name: s.str() };
const rateTarget: SchemaObject = { type: 'number', nullable: true, description: '调解成功率目标（0 至 1）' };

export const divisionSchema = s.object(
  { id: s.uuid, name: s.str(), kind: s.str('庭室类别'), headUserId: s.uuidOrNull },
  '庭室',
);

export const courtSchema = s.object(
  {
    ...courtRef,
    population: s.int('辖区人口'),
    phone: s.strOrNull(),
    address: s.strOrNull(),
    publicUrl: s.strOrNull('群众评价等公开页面的地址'),
    noticeReplyDays: s.int('告知书的答复期限（日）'),
    mediatorChoiceWorkingDays: s.int('当事人共同选择调解员的期限（转入调解后的工作日数）'),
    filingNumbers: s.str('民初、民特案号由谁编号：OWN（本平台）或 EXTERNAL（审判流程管理系统，立案员录入）'),
    legacyUntil: s.date('停止以诉前调解登记新案件之日（含当日起），默认 2025-01-01'),
    parentCourt: { ...s.object(courtRef, '上级法院（月度数据报送至此）'), nullable: true },
    childCourts: s.arrayOf(s.object({ ...courtRef, successRateTarget: rateTarget }), '下级法院'),
    successRateTarget: rateTarget,
    divisions: s.arrayOf(divisionSchema),
  },
  '本院',
);
