// The court views of court.service.ts as JSON schemas for the API document.
import {
  arrayOf,
  date,
  int,
  object,
  str,
  strOrNull,
  uuid,
  uuidOrNull,
  type SchemaObject,
} from '../common/http/api-docs.js';

const courtRef = { id: uuid, code: str('法院代字，如 京0105'), name: str() };
const rateTarget: SchemaObject = { type: 'number', nullable: true, description: '调解成功率目标（0 至 1）' };

export const divisionSchema = object({ id: uuid, name: str(), kind: str('庭室类别'), headUserId: uuidOrNull }, '庭室');

export const courtSchema = object(
  {
    ...courtRef,
    population: int('辖区人口'),
    phone: strOrNull(),
    address: strOrNull(),
    publicUrl: strOrNull('群众评价等公开页面的地址'),
    noticeReplyDays: int('告知书的答复期限（日）'),
    mediatorChoiceWorkingDays: int('当事人共同选择调解员的期限（转入调解后的工作日数）'),
    filingNumbers: str('民初、民特案号由谁编号：OWN（本平台）或 EXTERNAL（审判流程管理系统，立案员录入）'),
    legacyUntil: date('停止以诉前调解登记新案件之日（含当日起），默认 2025-01-01'),
    parentCourt: { ...object(courtRef, '上级法院（月度数据报送至此）'), nullable: true },
    childCourts: arrayOf(object({ ...courtRef, successRateTarget: rateTarget }), '下级法院'),
    successRateTarget: rateTarget,
    divisions: arrayOf(divisionSchema),
  },
  '本院',
);
