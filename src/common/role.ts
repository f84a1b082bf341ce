export const ROLES = [
  'CLERK',
  'COORDINATOR',
  'MEDIATOR',
  'JUDGE',
  'ENFORCEMENT',
  'STATISTICIAN',
  'ADMIN',
  'BANK',
] as const;
export type Role = (typeof ROLES)[number];

/** Chinese names shown to people. */
export const ROLE_LABELS: Record<Role, string> = {
  CLERK: '立案窗口',
  COORDINATOR: '诉调对接中心',
  MEDIATOR: '调解员',
  JUDGE: '审判庭法官',
  ENFORCEMENT: '执行局',
  STATISTICIAN: '审管办',
  ADMIN: '系统管理员',
  // A bank's own account: uploads its batches and follows them, nothing else.
  BANK: '银行（批量立案）',
};
