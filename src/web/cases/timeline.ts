// The case history as people read it: who, when, what (全程留痕). Actions without a label here are shown as
// recorded, so a new step appears in the timeline before anyone names it; adding a label is one line.
import { formatYuan } from '../../common/money.js';
import type { FailureReason, SettlementMethod } from '../../mediation/mediation-outcome.entity.js';
import type { SessionMode } from '../../mediation/mediation-session.entity.js';
import { CHANNEL_LABELS, type AnswerChannel } from '../../referral/party-answer.entity.js';
import { viewHelpers } from '../kit/view-helpers.js';
import { FAILURE_REASON_LABELS, SESSION_MODE_LABELS, SETTLEMENT_METHOD_LABELS } from '../mediation/mediation-labels.js';

const ACTION_LABELS: Record<string, string> = {
  CASE_REGISTERED: '立案登记',
  MATERIALS_RECEIVED: '调解员签收材料',
  MEDIATION_SESSION_RECORDED: '记录调解',
  MEDIATION_PERIOD_EXTENDED: '延长调解期限',
  CASE_SETTLED: '调解成功',
  CASE_FAILED: '调解不成',
  CASE_WITHDRAWN: '撤回调解申请',
  CASE_EXPIRED: '调解期限届满',
  SETTLEMENT_PERFORMANCE_RECORDED: '登记履行情况',
  JUDICIAL_CONFIRMATION_APPLIED: '登记司法确认申请',
  JUDICIAL_CONFIRMATION_RECORDED: '登记司法确认',
  CONSULTATION_SENT: '发送执行咨询函',
  CONSULTATION_REPLIED: '执行局答复咨询函',
  CONSULTATION_REPLY_CORRECTED: '执行局更正答复',
  ADDRESS_VERIFIED: '核实送达地址',
  // The notice's own name (先行调解, 诉前引导 or 诉前调解告知书) is in the notice list above the timeline.
  NOTICE_ISSUED: '发出告知书',
  PARTY_ANSWERED: '登记当事人意见',
  PARTIES_INVITED: '邀请当事人在线参与（短信链接）',
  PARTY_IDENTITY_VERIFIED: '当事人在线核验身份',
  PARTY_OPENED_DOCUMENT: '当事人在线查看文书',
  PARTY_SERVICE_ADDRESS_CONFIRMED: '当事人确认送达地址',
  PARTY_ONLINE_ACCESS_REVOKED: '撤销当事人的在线链接',
  PARTY_MESSAGE_SENT: '当事人给调解员留言',
  MEDIATOR_MESSAGE_SENT: '调解员回复当事人留言',
  PARTY_CHOSE_MEDIATOR: '当事人选择调解员',
  CASE_REFERRED: '各方同意调解，转入诉前调解',
  CASE_REFUSED: '当事人不同意调解',
  CASE_TRANSFERRED: '转立案',
  CASE_FILED: '起诉立案',
  MEDIATOR_ASSIGNED: '分派调解员',
  MEDIATOR_REASSIGNED: '更换调解员',
  MEDIATOR_RECUSED: '调解员回避',
  MEDIATOR_ACCOUNT_CHANGED: '调解员账号变更',
  PERSONAL_DATA_VIEWED: '查看当事人完整个人信息',
  CASE_ATTACHMENT_ADDED: '添加卷宗材料',
  CASE_ATTACHMENT_DOWNLOADED: '下载卷宗材料',
  CASE_ATTACHMENT_WITHDRAWN: '撤回卷宗材料',
  CASE_DOCUMENT_PRINTED: '打印文书',
  NOTICE_SERVICE_COPY_PRINTED: '打印告知书送达本（含群众评价码）',
  CASE_FILE_PACKAGE_DOWNLOADED: '导出电子卷宗',
  CASE_FILE_PACKAGE_READY: '随案生成电子卷宗',
  CASE_FILE_PACKAGE_FAILED: '电子卷宗生成失败，停止自动重试',
  CASE_FILE_PACKAGE_REBUILD_REQUESTED: '申请重新生成电子卷宗',
  FEE_NOTICE_ISSUED: '转入审理，通知交纳诉讼费',
  FEE_PAID: '登记交纳诉讼费',
  FEE_RELIEF_GRANTED: '准予缓交、减交或免交诉讼费',
  CASE_DEEMED_WITHDRAWN: '逾期未交诉讼费，按撤诉处理',
  FEE_DUE_DATE_RECOMPUTED: '交费期限已按节假日安排重新计算',
  TRIAL_PROCEDURE_CORRECTED: '更正审理程序',
  REGISTRATION_CORRECTED: '更正登记信息',
  PARTY_ADDED: '添加当事人',
  PARTY_AGENT_ADDED: '添加委托代理人',
  CASE_CANCELLED: '撤销登记',
  PARTY_ANSWER_CORRECTED: '更正当事人意见',
  MEDIATION_SESSION_CORRECTED: '更正调解记录',
  MEDIATION_OUTCOME_CORRECTED: '更正调解结果',
};

/** The fields a correction names in the timeline. */
const CORRECTED_LABELS: Record<string, string> = {
  caseType: '案由',
  claimAmount: '标的额',
  claims: '诉讼请求',
  role: '诉讼地位',
  name: '姓名或名称',
  idNumber: '身份证号',
  creditCode: '统一社会信用代码',
  legalRepresentative: '法定代表人',
  phone: '电话',
  address: '住址',
  serviceAddress: '送达地址',
  channel: '答复方式',
  answeredOn: '答复日期',
  note: '备注',
  heldOn: '调解日期',
  mode: '调解方式',
  participants: '参加人员',
  notes: '调解情况',
  concludedOn: '调解结束日期',
  agreedOn: '协议日期',
  settlementMethod: '结案方式',
  agreement: '调解协议',
  amountFen: '协议金额（元）',
  performanceDueOn: '履行期限',
  undisputedFacts: '无争议事实',
  failureReason: '调解不成原因',
  failureReasonText: '具体原因',
};

/** A corrected value as the timeline shows it: amounts in yuan, long texts not repeated. */
function shownCorrected(field: string, value: unknown): string {
  if (field === 'amountFen' && (typeof value === 'string' || typeof value === 'number')) return formatYuan(value);
  if (field === 'settlementMethod' && typeof value === 'string' && value in SETTLEMENT_METHOD_LABELS)
    return SETTLEMENT_METHOD_LABELS[value as SettlementMethod];
  if (field === 'failureReason' && typeof value === 'string' && value in FAILURE_REASON_LABELS)
    return FAILURE_REASON_LABELS[value as FailureReason];
  if (field === 'channel' && typeof value === 'string' && value in CHANNEL_LABELS)
    return CHANNEL_LABELS[value as AnswerChannel];
  if (field === 'mode' && typeof value === 'string' && value in SESSION_MODE_LABELS)
    return SESSION_MODE_LABELS[value as SessionMode];
  if (field === 'participants' && Array.isArray(value)) return value.map(String).join('、');
  if ((field === 'agreement' || field === 'undisputedFacts') && typeof value === 'string') return `${value.length} 字`;
  // A session's notes: shown whole when short, by their length when long.
  if (field === 'notes' && typeof value === 'string' && value.length > 60) return `${value.length} 字`;
  return shown(value);
}

const shown = (value: unknown) => (value === null || value === undefined || value === '' ? '（空）' : String(value));

/** What a correction, an addition or a cancellation changed, before and after, in one line. */
function detailOf(event: CaseEventView): string | undefined {
  const after = event.after ?? {};
  const before = event.before ?? {};
  const who = typeof after.partyName === 'string' ? `${after.partyName}：` : '';
  const corrections = [
    'REGISTRATION_CORRECTED',
    'PARTY_ANSWER_CORRECTED',
    'MEDIATION_SESSION_CORRECTED',
    'MEDIATION_OUTCOME_CORRECTED',
  ];
  if (corrections.includes(event.action) && after.corrected && typeof after.corrected === 'object') {
    const changes = Object.entries(after.corrected as Record<string, unknown>).map(([field, value]) => {
      const label = CORRECTED_LABELS[field] ?? field;
      const from =
        field === 'role' ? viewHelpers.partyRoleLabel(String(before[field])) : shownCorrected(field, before[field]);
      const to = field === 'role' ? viewHelpers.partyRoleLabel(String(value)) : shownCorrected(field, value);
      return `${label} ${from} → ${to}`;
    });
    const reason = typeof after.reason === 'string' ? `（理由：${after.reason}）` : '';
    return `${who}${changes.join('；')}${reason}`;
  }
  if (event.action === 'PARTY_ADDED') return who.replace(/：$/, '') || undefined;
  if (event.action === 'PARTY_AGENT_ADDED' && typeof after.agentName === 'string') return `${who}${after.agentName}`;
  if (event.action === 'CASE_CANCELLED' && typeof after.reason === 'string') return `理由：${after.reason}`;
  if (event.action === 'CASE_FILE_PACKAGE_READY' && typeof after.fileName === 'string') {
    const count = Array.isArray(after.attachments) ? after.attachments.length : 0;
    return `${after.fileName}（本案文书及 ${count} 份材料）`;
  }
  if (event.action === 'CASE_FILE_PACKAGE_FAILED' && typeof after.reason === 'string') {
    return `已尝试 ${String(after.attempts)} 次；原因：${after.reason}`;
  }
  if (event.action === 'CASE_FILE_PACKAGE_REBUILD_REQUESTED' && typeof after.fileName === 'string')
    return after.fileName;
  if (event.action === 'NOTICE_SERVICE_COPY_PRINTED' && Array.isArray(after.parties)) {
    const names = (after.parties as { name?: unknown }[]).map((p) => (typeof p.name === 'string' ? p.name : '?'));
    return `${typeof after.number === 'string' ? `${after.number}：` : ''}${names.join('、')}`;
  }
  return undefined;
}

interface CaseEventView {
  occurredAt: Date;
  action: string;
  actorName: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface TimelineEntry {
  at: Date;
  who: string;
  what: string;
  /** `已登记 → 已发告知书`, when the step changed the status. */
  statusChange?: string;
  /** What a correction changed, before and after (`姓名或名称 张三 → 张叁`). */
  detail?: string;
}

export function timelineEntry(event: CaseEventView): TimelineEntry {
  const from = typeof event.before?.status === 'string' ? event.before.status : undefined;
  const to = typeof event.after?.status === 'string' ? event.after.status : undefined;
  let statusChange: string | undefined;
  if (to && from && from !== to) statusChange = `${viewHelpers.statusLabel(from)} → ${viewHelpers.statusLabel(to)}`;
  else if (to && !from) statusChange = viewHelpers.statusLabel(to);
  const detail = detailOf(event);
  return {
    at: event.occurredAt,
    who: whoOf(event),
    what: ACTION_LABELS[event.action] ?? event.action,
    statusChange,
    ...(detail ? { detail } : {}),
  };
}

/**
 * Who entered the event, and for whom when it was recorded on a mediator's behalf (代为录入, `recordedFor` in
 * the history): `协调员甲（代调解员乙录入：理由）`.
 */
function whoOf(event: CaseEventView): string {
  const who = event.actorName ?? '系统';
  const forWhom = event.after?.recordedFor as { name?: unknown } | undefined;
  if (!forWhom || typeof forWhom !== 'object') return who;
  const name = typeof forWhom.name === 'string' ? forWhom.name : '';
  const reason = typeof event.after?.onBehalfReason === 'string' ? `：${event.after.onBehalfReason}` : '';
  return `${who}（代调解员${name}录入${reason}）`;
}
