// The home page (工作台): per role, what to do next and, where the data exists, how many cases wait.
import { Injectable } from '@nestjs/common';
import { hasRole, type Actor } from '../../common/actor.js';
import { CalendarService } from '../../calendar/calendar.service.js';
import { calendarWarning } from '../admin/calendar-warning.js';
import { CaseReader } from '../../cases/case-reader.service.js';
import { CONCLUDED_STATUSES, type CaseStatus } from '../../cases/case-status.js';
import type { Role } from '../../common/role.js';
import { UsersService } from '../../users/users.service.js';
import { AgendaPagesService, type DueCount } from '../agenda/agenda-pages.service.js';
import { CaseBatchService } from '../../intake/case-batch.service.js';
import { chinaDate } from '../../common/china-time.js';

interface DashboardItem {
  label: string;
  count?: number;
  href?: string;
}

interface DashboardCard {
  role: Role;
  title: string;
  intro: string;
  items: DashboardItem[];
  actions: { label: string; href: string }[];
  warning?: string;
  /** 待办期限: overdue, today, this week. */
  due?: DueCount[];
}

interface CardSpec {
  title: string;
  intro: string;
  counts?: { label: string; statuses: readonly CaseStatus[] }[];
  actions?: { label: string; href: string }[];
}

const CARDS: Record<Role, CardSpec> = {
  CLERK: {
    title: '立案窗口',
    intro: '登记新纠纷，发出诉前调解告知书，记录当事人是否同意调解。',
    counts: [
      { label: '已登记，待发告知书', statuses: ['REGISTERED'] },
      { label: '已发告知书，待当事人答复', statuses: ['NOTICE_ISSUED'] },
      { label: '当事人不同意调解，待转立案', statuses: ['REFUSED'] },
      { label: '已通知交费，待交诉讼费', statuses: ['FEE_PENDING'] },
    ],
    actions: [
      { label: '立案登记', href: '/cases/new' },
      { label: '批量立案', href: '/cases/batches' },
      { label: '诉讼费', href: '/fees' },
    ],
  },
  COORDINATOR: {
    title: '诉调对接中心',
    intro: '为当事人已同意调解的案件分派调解员，处理回避、延期和司法确认。',
    counts: [
      { label: '待分派调解员', statuses: ['REFERRED'] },
      { label: '已分派，待开始调解', statuses: ['ASSIGNED'] },
      { label: '调解中', statuses: ['IN_MEDIATION'] },
    ],
    actions: [
      { label: '待分派案件', href: '/coordination' },
      { label: '批量分派', href: '/coordination/bulk' },
      { label: '调解员名册', href: '/roster' },
      { label: '期限预警', href: '/warnings' },
      { label: '我的日程', href: '/my-sessions' },
    ],
  },
  MEDIATOR: {
    title: '调解员',
    intro: '办理分派给您的案件：记录调解过程、当事人同意的延期和调解结果。',
    counts: [
      { label: '已分派给我，待开始', statuses: ['ASSIGNED'] },
      { label: '我正在调解', statuses: ['IN_MEDIATION'] },
    ],
    actions: [
      { label: '我的案件', href: '/my-cases' },
      { label: '我的日程', href: '/my-sessions' },
      { label: '全部经办案件', href: '/cases' },
    ],
  },
  JUDGE: {
    title: '审判庭',
    intro: '在调解或审理中，就案件向执行局发送执行咨询函，并查看答复。',
    actions: [
      { label: '案件列表', href: '/cases' },
      { label: '咨询函发件箱', href: '/consultations/outbox' },
    ],
  },
  ENFORCEMENT: {
    title: '执行局',
    intro: '处理执行咨询函：在答复期限内回复执行建议。待答复的函件在收件箱中按答复期限排列。',
    actions: [{ label: '咨询函收件箱', href: '/consultations/inbox' }],
  },
  STATISTICIAN: {
    title: '审管办',
    intro: '查看月度指标，导出报表，发布周通报。',
    counts: [
      { label: '登记、告知阶段', statuses: ['REGISTERED', 'NOTICE_ISSUED'] },
      { label: '调解阶段', statuses: ['REFERRED', 'ASSIGNED', 'IN_MEDIATION'] },
      { label: '已结案', statuses: CONCLUDED_STATUSES },
      { label: '已转立案', statuses: ['TRANSFERRED'] },
    ],
    actions: [
      { label: '统计分析', href: '/statistics' },
      { label: '周通报', href: '/statistics/weekly' },
    ],
  },
  ADMIN: {
    title: '系统管理',
    intro: '维护本院信息和部门，管理用户和角色，设置各案由的告知规则和调解员补贴标准，录入国务院公布的节假日安排。',
    actions: [
      { label: '本院信息', href: '/admin/court' },
      { label: '用户管理', href: '/admin/users' },
      { label: '节假日安排', href: '/admin/calendar' },
      { label: '告知规则', href: '/admin/notice-rules' },
      { label: '补贴标准', href: '/admin/subsidy-rates' },
    ],
  },
  BANK: {
    title: '银行批量立案',
    intro: '上传本行的借款纠纷清单，查看每个批次的办理进度，下载批次结果。下面是本行最近的批次。',
    actions: [{ label: '上传批次', href: '/cases/batches' }],
  },
};

@Injectable()
export class DashboardService {
  constructor(
    private readonly cases: CaseReader,
    private readonly users: UsersService,
    private readonly calendar: CalendarService,
    private readonly agenda: AgendaPagesService,
    private readonly batches: CaseBatchService,
  ) {}

  async home(actor: Actor) {
    const counts = actor.roles.some((role) => CARDS[role].counts) ? await this.cases.countsByStatus(actor) : new Map();
    const cards: DashboardCard[] = actor.roles.map((role) => this.card(role, counts));
    // What is overdue, due today and this week, first on the card of the role that keeps it.
    const due = await this.agenda.homeCounts(actor);
    const dueCard = cards.find((c) => c.role === 'CLERK') ?? cards.find((c) => c.role === 'COORDINATOR');
    if (dueCard && due.length > 0) dueCard.due = due;
    if (hasRole(actor, 'ADMIN'))
      await this.addAdminFacts(
        actor,
        cards.find((c) => c.role === 'ADMIN')!,
      );
    const bank = cards.find((c) => c.role === 'BANK');
    if (bank) bank.items = await this.bankBatches(actor);
    return { cards };
  }

  /** A bank's account: its batches, newest first, each with how its cases stand. */
  private async bankBatches(actor: Actor): Promise<DashboardItem[]> {
    return (await this.batches.list(actor)).map((b) => ({
      label: `批次 ${b.batchRef ?? b.fileName ?? ''}（${chinaDate(b.startedAt)} 上传）：调解成功 ${b.settled} 件，未成 ${b.ended} 件，办理中 ${b.open} 件`,
      count: b.casesTotal,
      href: `/cases/batches/${b.id}`,
    }));
  }

  private card(role: Role, counts: Map<string, number>): DashboardCard {
    const spec = CARDS[role];
    return {
      role,
      title: spec.title,
      intro: spec.intro,
      items: (spec.counts ?? []).map(({ label, statuses }) => ({
        label,
        count: statuses.reduce((sum, status) => sum + (counts.get(status) ?? 0), 0),
        href: statuses.length === 1 ? `/cases?status=${statuses[0]}` : undefined,
      })),
      actions: spec.actions ?? [],
    };
  }

  private async addAdminFacts(actor: Actor, card: DashboardCard): Promise<void> {
    const users = await this.users.list(actor);
    card.items.push({ label: '本院用户', count: users.length, href: '/admin/users' });
    const warning = calendarWarning(await this.calendar.status(actor.courtId));
    if (warning) card.warning = warning;
  }
}
