export const CASE_STATUSES = [
  'REGISTERED',
  'NOTICE_ISSUED',
  'REFUSED',
  'REFERRED',
  'ASSIGNED',
  'IN_MEDIATION',
  'SETTLED',
  'FAILED',
  'WITHDRAWN',
  'EXPIRED',
  'TRANSFERRED',
  'FEE_PENDING',
  'IN_TRIAL',
  'DEEMED_WITHDRAWN',
  'CANCELLED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  REGISTERED: '已登记',
  NOTICE_ISSUED: '已发告知书',
  REFUSED: '当事人不同意调解',
  REFERRED: '待分派调解员',
  ASSIGNED: '已分派',
  IN_MEDIATION: '调解中',
  SETTLED: '调解成功',
  FAILED: '调解不成',
  WITHDRAWN: '已撤回',
  EXPIRED: '调解期满',
  TRANSFERRED: '已转立案',
  FEE_PENDING: '待交费',
  IN_TRIAL: '已转入审理',
  DEEMED_WITHDRAWN: '按撤诉处理',
  CANCELLED: '已撤销登记',
};

/** Statuses in which the mediation clock runs (open cases for deadlines and warnings). */
export const OPEN_MEDIATION_STATUSES: readonly CaseStatus[] = ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'];

/** Statuses that conclude mediation (结案). */
export const CONCLUDED_STATUSES: readonly CaseStatus[] = ['SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED'];
