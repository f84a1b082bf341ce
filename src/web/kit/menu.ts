// The role-aware menu. Each entry names the permission of the page it links to (src/auth/permissions.ts), the
// same one the page's handler names with @Permission, so the menu shows exactly the pages the user may open.
import type { Actor } from '../../common/actor.js';
import type { Role } from '../../common/role.js';
import { hasPermission, permissionRoles, type PermissionName } from '../../auth/permissions.js';

/** Where the user's court stands among courts: what its statistics office reports to and over. */
export interface CourtPlace {
  /** It has basic courts under it (an intermediate court): 辖区汇总, 赛马比拼, 监测考评. */
  intermediate: boolean;
  /** It has a court above it, to which its closed months go (报送) and which ranks it. */
  hasParent: boolean;
}

export interface MenuItem {
  href: string;
  label: string;
  /** The page's permission; none: any logged-in user. */
  permission?: PermissionName;
  /** Left out for a user who has only these roles (a mediator has one case list: 我的案件). */
  hiddenWhenOnly?: readonly Role[];
  /** Shown only where the user's court stands so (the upward statistics pages). */
  onlyWhere?: keyof CourtPlace;
}

export const MENU: MenuItem[] = [
  { href: '/', label: '首页' },
  { href: '/cases/new', label: '立案登记', permission: 'cases.register' },
  { href: '/cases/batches', label: '批量立案', permission: 'batches.upload' },
  { href: '/cases/imports', label: '立案导入', permission: 'cases.import' },
  {
    href: '/cases',
    label: '案件列表',
    permission: 'cases.read',
    hiddenWhenOnly: ['MEDIATOR'],
  },
  { href: '/admin/court', label: '本院信息', permission: 'court.manage' },
  { href: '/admin/users', label: '用户管理', permission: 'users.manage' },
  { href: '/admin/calendar', label: '节假日安排', permission: 'calendar.manage' },
  { href: '/admin/personal-data-reads', label: '个人信息查看记录', permission: 'personalData.auditReads' },
  { href: '/my-cases', label: '我的案件', permission: 'mediation.ownCases' },
  { href: '/consultations/inbox', label: '咨询函收件箱', permission: 'consultations.reply' },
  { href: '/consultations/outbox', label: '咨询函发件箱', permission: 'consultations.send' },
  { href: '/coordination', label: '待分派案件', permission: 'assignment.coordinate' },
  { href: '/roster', label: '调解员名册', permission: 'roster.manage' },
  { href: '/warnings', label: '期限预警', permission: 'warnings.board' },
  { href: '/fees', label: '诉讼费', permission: 'fees.follow' },
  { href: '/admin/notice-rules', label: '告知规则', permission: 'noticeRules.manage' },
  { href: '/admin/subsidy-rates', label: '补贴标准', permission: 'subsidyRates.manage' },
  { href: '/statistics', label: '统计分析', permission: 'statistics.read' },
  { href: '/statistics/submissions', label: '报送与本院名次', permission: 'statistics.read', onlyWhere: 'hasParent' },
  { href: '/statistics/rollup', label: '辖区汇总', permission: 'statistics.upward', onlyWhere: 'intermediate' },
  { href: '/statistics/ranking', label: '赛马比拼', permission: 'statistics.upward', onlyWhere: 'intermediate' },
  { href: '/statistics/monitoring', label: '监测考评', permission: 'statistics.upward', onlyWhere: 'intermediate' },
];

/** The roles that see an entry depending on the court's place: only for them is the place read. */
export const COURT_PLACE_ROLES: readonly Role[] = [
  ...new Set(MENU.flatMap((item) => (item.onlyWhere && item.permission ? permissionRoles(item.permission) : []))),
];

export interface MenuEntry {
  href: string;
  label: string;
  current: boolean;
}

/**
 * The entries this actor may use; `current` marks the one the path belongs to. Without the court's place
 * (not read for this request) the entries that depend on it are left out.
 */
export function menuFor(actor: Actor | undefined, path: string, place?: CourtPlace): MenuEntry[] {
  if (!actor) return [];
  const visible = MENU.filter(
    (item) =>
      (!item.permission || hasPermission(actor, item.permission)) &&
      !onlyHas(actor, item.hiddenWhenOnly) &&
      (!item.onlyWhere || place?.[item.onlyWhere] === true),
  );
  const current = visible
    .filter((item) => path === item.href || (item.href !== '/' && path.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return visible.map((item) => ({
    href: item.href,
    label: item.label,
    current: item === current,
  }));
}

function onlyHas(actor: Actor, roles: readonly Role[] | undefined): boolean {
  return roles !== undefined && actor.roles.every((role) => roles.includes(role));
}
