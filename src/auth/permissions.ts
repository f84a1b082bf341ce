// Who may do what outside the case steps: one table of named permissions, each mapped to the roles that hold it.
// The handlers name a permission (@Permission in ./decorators.ts), and the pages' menu, the page sections and the
// services that check a role by hand read the same entry, so a route and the link or button that leads to it
// cannot drift apart. Case steps are not here: their roles are the transition table's (stepRoles, @Step). The bulk
// steps and the agenda have the single step's roles, written out (the table imports nothing from src/cases);
// src/cases/case-step-route.spec.ts holds them to the transition table.
// On top of the roles, every read and write is scoped to the actor's court, and a mediator to their own cases.
import { hasRole, type Actor } from '../common/actor.js';
import type { Role } from '../common/role.js';

/** The court's staff who see every case of their court (案件范围：全院). */
const COURT_WIDE: Role[] = ['CLERK', 'COORDINATOR', 'JUDGE', 'STATISTICIAN', 'ADMIN'];
/** The staff who work on a case's papers: the window, the centre, the case's mediator, the trial judge. */
const CASE_STAFF: Role[] = ['CLERK', 'COORDINATOR', 'MEDIATOR', 'JUDGE'];

export const PERMISSIONS = {
  // 案件
  /** 本院全部案件可见（其余角色：调解员只见本人案件，银行账户只见本机构批次的案件）。 */
  'cases.seeWholeCourt': COURT_WIDE,
  /** 查看案件的各项记录（当事人答复、调解记录、期限、分派、代理人、移送、排期、缴费通知等）。 */
  'cases.read': [...COURT_WIDE, 'MEDIATOR'],
  /** 案件列表与案件本身：本院人员，以及银行账户（仅其本机构批次的案件）。 */
  'cases.list': [...COURT_WIDE, 'MEDIATOR', 'BANK'],
  /** 立案登记。 */
  'cases.register': ['CLERK'],
  /** 从法院案件系统导入立案信息（立案窗口）。 */
  'cases.import': ['CLERK'],

  // 当事人个人信息
  /** 查看当事人完整的身份证号与电话：本案经办人员（是否本案由服务判断，留痕、限次）。 */
  'personalData.reveal': ['CLERK', 'COORDINATOR', 'JUDGE', 'MEDIATOR', 'ENFORCEMENT'],
  /** 可查看本院任何案件当事人的完整个人信息（立案窗口与诉调对接中心）。 */
  'personalData.revealAnyCase': ['CLERK', 'COORDINATOR'],

  // 批量立案（银行批次）
  /** 上传批次、下载模板与导入报告：立案窗口与银行账户。 */
  'batches.upload': ['CLERK', 'BANK'],
  /** 查看批次进度与结果文件：全院可见案件的人员，以及银行账户（仅本机构批次）。 */
  'batches.read': [...COURT_WIDE, 'BANK'],
  /** 批量发出告知书：与单件的步骤同一角色。 */
  'batches.issueNotices': ['CLERK'],
  /** 批量登记当事人答复（含答复表）：与单件的步骤同一角色。 */
  'batches.recordAnswers': ['CLERK'],
  /** 批量登记调解结果：诉调对接中心（调解员只办本人案件，不做批量）。 */
  'batches.recordOutcomes': ['COORDINATOR'],
  /** 批量申请司法确认：与单件的步骤同一角色。 */
  'batches.applyJudicialConfirmation': ['CLERK', 'COORDINATOR'],
  /** 批量立案（转诉讼）：与单件的步骤同一角色。 */
  'batches.fileSuits': ['CLERK'],
  /** 批量移送审判庭：与单件的步骤同一角色。 */
  'batches.transferToTrial': ['CLERK'],
  /** 批次告知书合并 PDF：当事人材料只留在发出和跟进的本院人员手中。 */
  'batches.printNotices': ['CLERK', 'COORDINATOR'],

  // 告知书与诉讼费
  /** 告知书存档本：本院经手当事人材料的人员。 */
  'notices.read': ['CLERK', 'COORDINATOR', 'JUDGE'],
  /** 告知书送达本（每位当事人一份，印其评价码）：由送达告知书的人打印（同发出告知书的步骤）。 */
  'notices.printServiceCopies': ['CLERK'],
  /** 诉讼费缴纳通知书 PDF：同告知书存档本。 */
  'fees.printNotice': ['CLERK', 'COORDINATOR', 'JUDGE'],
  /** 诉讼费页面（计算器、欠费）：登记缴费和裁定按撤诉处理的人。 */
  'fees.follow': ['CLERK', 'JUDGE'],

  // 卷宗
  /** 查看、下载、打印卷宗材料。 */
  'casefile.read': CASE_STAFF,
  /** 添加卷宗材料。 */
  'casefile.attach': ['CLERK', 'COORDINATOR', 'MEDIATOR'],
  /** 撤回卷宗材料（留档）。 */
  'casefile.withdraw': ['CLERK', 'COORDINATOR'],
  /** 导出电子卷宗：立案窗口、诉调对接中心和接收案件的审判庭法官。 */
  'casefile.package': ['CLERK', 'COORDINATOR', 'JUDGE'],
  /** 重新生成多次失败的电子卷宗：移送案件的立案窗口。 */
  'casefile.rebuildPackage': ['CLERK'],

  // 调解
  /** 调解协议书 PDF。 */
  'mediationAgreement.print': ['CLERK', 'COORDINATOR', 'MEDIATOR'],
  /** 调解协议书模板（起草协议）。 */
  'mediationAgreement.draft': ['MEDIATOR', 'COORDINATOR'],
  /** 司法确认的民事裁定书 PDF。 */
  'judicialRuling.print': ['CLERK', 'COORDINATOR', 'JUDGE'],
  /** 调解员的工作台：我的案件。 */
  'mediation.ownCases': ['MEDIATOR'],
  /** 待跟进事项（调解员本人的，诉调对接中心全院的）。 */
  'mediation.followUps': ['MEDIATOR', 'COORDINATOR'],
  /** 调解员本人的排期与日历订阅；与排期步骤同一角色。 */
  'agenda.ownSessions': ['COORDINATOR', 'MEDIATOR'],
  /** 到期与逾期事项：立案窗口推进案件，诉调对接中心推进调解。 */
  'agenda.due': ['CLERK', 'COORDINATOR'],

  // 分派与名册
  /** 诉调对接中心的分派工作：待分派案件、批量分派、当事人选择的调解员。 */
  'assignment.coordinate': ['COORDINATOR'],
  /** 推荐调解员。 */
  'assignment.suggestMediators': ['COORDINATOR', 'CLERK'],
  /** 查看调解组织与调解员名册。 */
  'roster.read': ['COORDINATOR', 'ADMIN', 'CLERK'],
  /** 维护调解组织与调解员名册（含名册页面）。 */
  'roster.manage': ['COORDINATOR', 'ADMIN'],

  // 当事人在线参与
  /** 邀请当事人在线参与、撤回邀请。 */
  'parties.invite': ['CLERK'],
  /** 送达记录及其 PDF。 */
  'parties.readServiceRecords': CASE_STAFF,
  /** 与当事人的在线消息：查看。 */
  'parties.readMessages': ['MEDIATOR', 'COORDINATOR'],
  /** 与当事人的在线消息：发送（案件的调解员）。 */
  'parties.sendMessages': ['MEDIATOR'],
  /** 当事人选择调解员的情况。 */
  'parties.readMediatorChoices': ['CLERK', 'COORDINATOR', 'JUDGE'],
  /** 在线签署调解协议：发起。 */
  'agreementSigning.start': ['MEDIATOR', 'COORDINATOR'],
  /** 在线签署调解协议：查看进度与签署件。 */
  'agreementSigning.read': CASE_STAFF,
  /** 在线签署调解协议：调解员签名。 */
  'agreementSigning.sign': ['MEDIATOR'],

  // 执行咨询函
  /** 发出咨询函、补充材料、发件箱。 */
  'consultations.send': ['JUDGE', 'COORDINATOR'],
  /** 咨询函列表（发件人与执行局）。 */
  'consultations.list': ['JUDGE', 'COORDINATOR', 'ENFORCEMENT'],
  /** 查看一封咨询函（是否其经办人由服务判断）。 */
  'consultations.read': ['JUDGE', 'COORDINATOR', 'ENFORCEMENT', 'MEDIATOR'],
  /** 案件页上的咨询函。 */
  'consultations.readForCase': ['JUDGE', 'COORDINATOR', 'MEDIATOR'],
  /** 收件箱、答复与更正答复（执行局）。 */
  'consultations.reply': ['ENFORCEMENT'],

  // 预警
  /** 节点预警接口：各角色看到与己相关的部分。 */
  'warnings.read': ['CLERK', 'COORDINATOR', 'MEDIATOR', 'ENFORCEMENT', 'STATISTICIAN', 'ADMIN'],
  /** 预警中的案件期限（每人所见由预警服务决定）。 */
  'warnings.readCases': ['CLERK', 'COORDINATOR', 'MEDIATOR', 'STATISTICIAN', 'ADMIN'],
  /** 预警中逾期未复的咨询函（执行局：本局收件）。 */
  'warnings.readLetters': ['COORDINATOR', 'ENFORCEMENT', 'STATISTICIAN', 'ADMIN'],
  /** 期限预警页面。 */
  'warnings.board': ['CLERK', 'COORDINATOR', 'STATISTICIAN', 'ADMIN'],

  // 统计
  /** 本院统计、导出、补贴、逾期、报送与名次。 */
  'statistics.read': ['COORDINATOR', 'STATISTICIAN', 'ADMIN'],
  /** 月度结账（关账）。 */
  'statistics.closeMonth': ['STATISTICIAN', 'ADMIN'],
  /** 登记月度立案数。 */
  'statistics.recordFilings': ['STATISTICIAN', 'ADMIN'],
  /** 中级法院的辖区汇总、赛马比拼、监测考评与考核目标。 */
  'statistics.upward': ['STATISTICIAN', 'ADMIN'],

  // 系统管理
  /** 用户管理（含重置密码与第二因素）。 */
  'users.manage': ['ADMIN'],
  /** 本院信息与业务庭。 */
  'court.manage': ['ADMIN'],
  /** 节假日安排。 */
  'calendar.manage': ['ADMIN'],
  /** 告知规则：查看。 */
  'noticeRules.read': ['CLERK', 'COORDINATOR', 'ADMIN'],
  /** 告知规则：维护。 */
  'noticeRules.manage': ['ADMIN'],
  /** 调解补贴标准。 */
  'subsidyRates.manage': ['ADMIN'],
  /** 外发消息队列（短信、邮件）。 */
  'outbox.read': ['ADMIN'],
  /** 个人信息查看记录（含被拒绝的查看）。 */
  'personalData.auditReads': ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type PermissionName = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as PermissionName[];

/** The roles that hold a permission. */
export function permissionRoles(name: PermissionName): readonly Role[] {
  return PERMISSIONS[name];
}

/** Whether the actor holds the permission through any of their roles. */
export function hasPermission(actor: Actor, name: PermissionName): boolean {
  return hasRole(actor, ...PERMISSIONS[name]);
}
