// The role-aware menu. Each page's roles are declared once here and used both by the page's @Roles(...)
// and by the menu, so the menu shows exactly the pages the user's roles may open. The forms that take a
// case step declare the step's roles from the transition table instead (stepRoles, allowedSteps).
import { IMPORT_ROLES } from '../../exchange/import-roles.js';
import { hasRole, type Actor } from '../../common/actor.js';
import { CASE_READER_ROLES } from '../../cases/case-access.js';
import { MEDIATION_AGREEMENT_ROLES } from '../../mediation/mediation-agreement.service.js';
import { JUDICIAL_RULING_ROLES } from '../../mediation/judicial-confirmation.service.js';
import { ROLES, type Role } from '../../common/role.js';
import { NOTICE_READER_ROLES, NOTICE_SERVER_ROLES } from '../../referral/notice-copies.js';
import { BATCH_READER_ROLES, BATCH_UPLOAD_ROLES } from '../../intake/batch-roles.js';

export const PAGE_ROLES = {
  home: [...ROLES],
  registerCase: ['CLERK'],
  cases: CASE_READER_ROLES,
  adminUsers: ['ADMIN'],
  adminCalendar: ['ADMIN'],
  adminPersonalDataReads: ['ADMIN'],
  myCases: ['MEDIATOR'],
  sendConsultation: ['JUDGE', 'COORDINATOR'],
  consultationInbox: ['ENFORCEMENT'],
  consultationOutbox: ['JUDGE', 'COORDINATOR'],
  consultationLetter: ['JUDGE', 'COORDINATOR', 'ENFORCEMENT', 'MEDIATOR'],
  replyConsultation: ['ENFORCEMENT'],
  notifications: [...ROLES],
  /** Everyone's own password (POST /api/v1/auth/password). */
  changePassword: [...ROLES],
  statistics: ['STATISTICIAN', 'ADMIN', 'COORDINATOR'],
  closeMonth: ['STATISTICIAN', 'ADMIN'],
  /** The same roles as GET /api/v1/statistics/rollup, /ranking, /monitoring and PUT /statistics/targets/:courtId. */
  upwardStatistics: ['STATISTICIAN', 'ADMIN'],
  /** The same roles as POST /api/v1/cases/batches: the clerk and the bank's own account. */
  batchUpload: BATCH_UPLOAD_ROLES,
  caseImport: IMPORT_ROLES,
  /** The same roles as GET /api/v1/cases/batches/:id: the court's staff who see all its cases, and the bank's account. */
  batchProgress: BATCH_READER_ROLES,
  /** The same roles as GET /api/v1/notices/:id/pdf: the parties' papers stay with the court's own staff. */
  noticePdf: NOTICE_READER_ROLES,
  /** The same roles as GET /api/v1/notices/:id/service-copies/pdf: who serves the notice prints its codes. */
  noticeServiceCopies: NOTICE_SERVER_ROLES,
  coordination: ['COORDINATOR'],
  roster: ['COORDINATOR', 'ADMIN'],
  warnings: ['COORDINATOR', 'CLERK', 'STATISTICIAN', 'ADMIN'],
  adminNoticeRules: ['ADMIN'],
  /** The same role as PUT /api/v1/statistics/subsidy-rates. */
  adminSubsidyRates: ['ADMIN'],
  /** The same roles as GET /api/v1/cases/:id/parties/:partyId/personal-data (the case's own staff). */
  personalData: ['CLERK', 'COORDINATOR', 'JUDGE', 'MEDIATOR'],
  /** The same roles as GET /api/v1/cases/:id/mediation-agreement/pdf. */
  mediationAgreement: MEDIATION_AGREEMENT_ROLES,
  /** The same roles as GET /api/v1/cases/:id/judicial-confirmation/pdf. */
  judicialRuling: JUDICIAL_RULING_ROLES,
  /** The same role as PATCH /api/v1/court and POST/PATCH /api/v1/court/divisions. */
  adminCourt: ['ADMIN'],
  /** The fee page (calculator, fees owed): those who record payments and rule on overdue fees. */
  fees: ['CLERK', 'JUDGE'],
  /** What is overdue, due today and this week: the clerk moves cases on, the coordinator keeps mediation going. */
  due: ['CLERK', 'COORDINATOR'],
  /** The same roles as GET /api/v1/me/sessions (AGENDA_ROLES). */
  mySessions: ['COORDINATOR', 'MEDIATOR'],
} satisfies Record<string, readonly Role[]>;

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
  roles: readonly Role[];
  /** Left out for a user who has only these roles (a mediator has one case list: 我的案件). */
  hiddenWhenOnly?: readonly Role[];
  /** Shown only where the user's court stands so (the upward statistics pages). */
  onlyWhere?: keyof CourtPlace;
}

export const MENU: MenuItem[] = [
  { href: '/', label: '首页', roles: PAGE_ROLES.home },
  { href: '/cases/new', label: '立案登记', roles: PAGE_ROLES.registerCase },
  { href: '/cases/batches', label: '批量立案', roles: PAGE_ROLES.batchUpload },
  { href: '/cases/imports', label: '立案导入', roles: PAGE_ROLES.caseImport },
  {
    href: '/cases',
    label: '案件列表',
    roles: PAGE_ROLES.cases,
    hiddenWhenOnly: ['MEDIATOR'],
  },
  { href: '/admin/court', label: '本院信息', roles: PAGE_ROLES.adminCourt },
  { href: '/admin/users', label: '用户管理', roles: PAGE_ROLES.adminUsers },
  { href: '/admin/calendar', label: '节假日安排', roles: PAGE_ROLES.adminCalendar },
  { href: '/admin/personal-data-reads', label: '个人信息查看记录', roles: PAGE_ROLES.adminPersonalDataReads },
  { href: '/my-cases', label: '我的案件', roles: PAGE_ROLES.myCases },
  { href: '/consultations/inbox', label: '咨询函收件箱', roles: PAGE_ROLES.consultationInbox },
  { href: '/consultations/outbox', label: '咨询函发件箱', roles: PAGE_ROLES.consultationOutbox },
  { href: '/coordination', label: '待分派案件', roles: PAGE_ROLES.coordination },
  { href: '/roster', label: '调解员名册', roles: PAGE_ROLES.roster },
  { href: '/warnings', label: '期限预警', roles: PAGE_ROLES.warnings },
  { href: '/fees', label: '诉讼费', roles: PAGE_ROLES.fees },
  { href: '/admin/notice-rules', label: '告知规则', roles: PAGE_ROLES.adminNoticeRules },
  { href: '/admin/subsidy-rates', label: '补贴标准', roles: PAGE_ROLES.adminSubsidyRates },
  { href: '/statistics', label: '统计分析', roles: PAGE_ROLES.statistics },
  { href: '/statistics/submissions', label: '报送与本院名次', roles: PAGE_ROLES.statistics, onlyWhere: 'hasParent' },
  { href: '/statistics/rollup', label: '辖区汇总', roles: PAGE_ROLES.upwardStatistics, onlyWhere: 'intermediate' },
  { href: '/statistics/ranking', label: '赛马比拼', roles: PAGE_ROLES.upwardStatistics, onlyWhere: 'intermediate' },
  { href: '/statistics/monitoring', label: '监测考评', roles: PAGE_ROLES.upwardStatistics, onlyWhere: 'intermediate' },
];

/** The roles that see an entry depending on the court's place: only for them is the place read. */
export const COURT_PLACE_ROLES: readonly Role[] = [
  ...new Set(MENU.filter((item) => item.onlyWhere).flatMap((item) => item.roles)),
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
      hasRole(actor, ...item.roles) &&
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
