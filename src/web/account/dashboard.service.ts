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

const link = (label: string, href: string) => ({ label, href });
/** A count of the cases waiting in the given statuses. */
const waiting = (label: string, ...statuses: CaseStatus[]) => ({ label, statuses });

const CARDS: Record<Role, CardSpec> = {
  CLERK: {
    title: '立案窗口',
    intro: '登记新纠纷，发出诉前调解告知书，记录当事人是否同意调解。',
    counts: [
      waiting('已登记，待发告知书', 'REGISTERED'),
      waiting('已发告知书，待当事人答复', 'NOTICE_ISSUED'),
      waiting('当事人不同意调解，待转立案', 'REFUSED'),
      waiting('已通知交费，待交诉讼费', 'FEE_PENDING'),
    ],
    actions: [link('立案登记', '/cases/new'), link('批量立案', '/cases/batches'), link('诉讼费', '/fees')],
  },
  COORDINATOR: {
    title: '诉调对接中心',
    intro: '为当事人已同意调解的案件分派调解员，处理回避、延期和司法确认。',
    counts: [
      waiting('待分派调解员', 'REFERRED'),
      waiting('已分派，待开始调解', 'ASSIGNED'),
      waiting('调解中', 'IN_MEDIATION'),
    ],
    actions: [
      link('待分派案件', '/coordination'),
      link('批量分派', '/coordination/bulk'),
      link('调解员名册', '/roster'),
      link('期限预警', '/warnings'),
      link('我的日程', '/my-sessions'),
    ],
  },
  MEDIATOR: {
    title: '调解员',
    intro: '办理分派给您的案件：记录调解过程、当事人同意的延期和调解结果。',
    counts: [waiting('已分派给我，待开始', 'ASSIGNED'), waiting('我正在调解', 'IN_MEDIATION')],
    actions: [link('我的案件', '/my-cases'), link('我的日程', '/my-sessions'), link('全部经办案件', '/cases')],
  },
  JUDGE: {
    title: '审判庭',
    intro: '在调解或审理中，就案件向执行局发送执行咨询函，并查看答复。',
    actions: [link('案件列表', '/cases'), link('咨询函发件箱', '/consultations/outbox')],
  },
  ENFORCEMENT: {
    title: '执行局',
    intro: '处理执行咨询函：在答复期限内回复执行建议。待答复的函件在收件箱中按答复期限排列。',
    actions: [link('咨询函收件箱', '/consultations/inbox')],
  },
  STATISTICIAN: {
    title: '审管办',
    intro: '查看月度指标，导出报表，发布周通报。',
    counts: [
      waiting('登记、告知阶段', 'REGISTERED', 'NOTICE_ISSUED'),
      waiting('调解阶段', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION'),
      waiting('已结案', ...CONCLUDED_STATUSES),
      waiting('已转立案', 'TRANSFERRED'),
    ],
    actions: [link('统计分析', '/statistics'), link('周通报', '/statistics/weekly')],
  },
  ADMIN: {
    title: '系统管理',
    intro: '维护本院信息和部门，管理用户和角色，设置各案由的告知规则和调解员补贴标准，录入国务院公布的节假日安排。',
    actions: [
      link('本院信息', '/admin/court'),
      link('用户管理', '/admin/users'),
      link('节假日安排', '/admin/calendar'),
      link('告知规则', '/admin/notice-rules'),
      link('补贴标准', '/admin/subsidy-rates'),
    ],
  },
  BANK: {
    title: '银行批量立案',
    intro: '上传本行的借款纠纷清单，查看每个批次的办理进度，下载批次结果。下面是本行最近的批次。',
    actions: [link('上传批次', '/cases/batches')],
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
