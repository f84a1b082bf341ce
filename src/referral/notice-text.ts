// The text of the notice the clerk hands every party, by the case's procedure: the 《先行调解告知书》 of a
// registered case (先行调解, POST_FILING), the 《诉前引导告知书》 of a freely chosen non-litigation mediation
// (VOLUNTARY), and the old 《诉前调解告知书》 (LEGACY_PRE_FILING). Common sections plus one paragraph chosen by the
// case type's template. Filled from the case when the notice is issued and stored as issued (a reprint shows the
// same words).
import type { NoticeTemplate } from '../cases/case-types.js';
import {
  POST_FILING_EXTENSION_MAX_DAYS,
  POST_FILING_PERIOD_DAYS,
  TRIAL_PROCEDURE_LABELS,
  VOLUNTARY_PERIOD_DAYS,
  type Procedure,
  type TrialProcedure,
} from '../cases/procedure.js';
import { PARTY_ROLE_LABELS, type PartyKind, type PartyRole } from '../cases/party.entity.js';
import { formatYuan } from '../common/money.js';
import { maskIdNumber } from '../common/personal-data.js';

export interface NoticeParty {
  partyId: string;
  role: PartyRole;
  roleLabel: string;
  kind: PartyKind;
  name: string;
  /** "公民身份号码 110105********1234" (masked) or "统一社会信用代码 …"; null when none was given. */
  identity: string | null;
  legalRepresentative: string | null;
  /** Its 委托代理人, one line each (name, firm, licence, 代理权限); absent on notices issued before they were printed. */
  agents?: string[];
}

interface NoticeSection {
  heading: string;
  paragraphs: string[];
}

/** A section of a notice: its heading and paragraphs. */
const section = (heading: string, ...paragraphs: string[]): NoticeSection => ({ heading, paragraphs });

/** How the parties reach the court to answer, and where they rate the service (absent on notices issued before). */
export interface NoticeContact {
  phone: string | null;
  address: string | null;
  replyDays: number;
  /** The last day to answer: a legal period of `replyDays` from the day of issue. */
  replyBy: string;
  /** Computed with weekends only, the next year's holiday schedule not being published yet (暂定). */
  replyByProvisional: boolean;
  /** The public rating page (…/rate), or null when the court has not set the platform's address. */
  ratingUrl: string | null;
}

/** A notice as issued: everything the printed document shows except the rating codes (derived per party). */
export interface NoticeContent {
  title: string;
  courtName: string;
  number: string;
  template: NoticeTemplate;
  caseType: string;
  /** Yuan, two decimals. */
  claimAmount: string;
  claims: string;
  /** China date of issue. */
  issuedOn: string;
  issuedByName: string;
  parties: NoticeParty[];
  introduction: string;
  sections: NoticeSection[];
  /** 七、当事人意见: numbered after the body sections. */
  consentHeading: string;
  consentInstructions: string;
  ratingCodeInstructions: string;
  contact?: NoticeContact;
  /** The case's procedure (absent on notices issued before procedures: the old 诉前调解). */
  procedure?: Procedure;
  /** The case's 民初 number, printed on the 《先行调解告知书》. */
  filingNumber?: string | null;
  /** The two boxes of each party's answer (absent: 同意/不同意诉前调解). */
  answerChoices?: { consent: string; refuse: string };
}

export interface NoticeFacts {
  courtName: string;
  number: string;
  template: NoticeTemplate;
  caseType: string;
  claimAmountFen: string;
  claims: string;
  issuedOn: string;
  issuedByName: string;
  contact: NoticeContact;
  procedure: Procedure;
  trialProcedure: TrialProcedure | null;
  filingNumber: string | null;
  parties: {
    id: string;
    role: PartyRole;
    kind: PartyKind;
    name: string;
    idNumber: string | null;
    creditCode: string | null;
    legalRepresentative: string | null;
  }[];
  /** The parties' agents as printed (agentLinesByParty), by party id. */
  agentLines?: ReadonlyMap<string, string[]>;
}

const NOTICE_TITLE = '诉前调解告知书';

/** The notice's title by the case's procedure. */
const NOTICE_TITLES: Record<Procedure, string> = {
  POST_FILING: '先行调解告知书',
  VOLUNTARY: '诉前引导告知书',
  LEGACY_PRE_FILING: NOTICE_TITLE,
};

const LEGACY_ANSWER_CHOICES = { consent: '同意诉前调解', refuse: '不同意诉前调解' };

export const TEMPLATE_LABELS: Record<NoticeTemplate, string> = {
  GENERAL: '一般民商事纠纷',
  FINANCIAL: '借款类纠纷',
  LABOUR: '劳动争议',
  FAMILY: '婚姻家庭纠纷',
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 7 -> 七, 15 -> 十五, 30 -> 三十: the day counts the notices state. */
const NUMERALS_DAYS: Record<number, string> = { 7: '七', 15: '十五', 30: '三十' };

const WHAT_IT_IS = section(
  '什么是诉前调解',
  '诉前调解，是指纠纷在人民法院登记立案之前，经各方当事人同意，由人民法院委派特邀调解组织或者特邀调解员主持，在查明事实、分清是非的基础上，引导当事人平等协商、互谅互让，自愿达成调解协议、化解纠纷的活动。',
  '调解遵循自愿、合法的原则，不公开进行，但各方当事人同意公开的除外。调解员不得强迫当事人接受调解方案。当事人在调解中为达成协议作出妥协而认可的事实，不得在后续诉讼中作为对其不利的根据，但法律另有规定或者当事人均同意的除外。',
  '当事人可以在本院特邀调解名册中共同选定调解员；未共同选定的，由本院指定。调解员与纠纷有利害关系或者有其他可能影响公正调解的情形的，当事人有权申请其回避。调解可以在调解室进行，也可以通过电话、视频等方式进行。',
);

const PERIOD = section(
  '调解期限',
  '诉前调解的期限为三十日，从各方当事人均同意诉前调解之日的次日起计算；期限的最后一日是法定休假日的，以法定休假日后的第一个工作日为期限届满的日期。',
  '调解期限届满前，经双方当事人同意，可以延长调解期限，延长的天数和理由记录在案。当事人在调解过程中可以随时要求终止调解，终止调解不影响其依法提起诉讼。',
);

const COST = section('调解费用', '诉前调解不收取费用，当事人无须为调解向人民法院或者调解员支付任何费用。');

const AGREEMENT = section(
  '调解协议的效力与司法确认',
  '经调解达成调解协议的，调解协议经各方当事人和调解员签名（盖章）后生效，具有法律约束力，当事人应当按照约定履行。',
  '达成调解协议后，双方当事人可以自调解协议生效之日起三十日内，共同向本院申请司法确认。申请司法确认不收取费用。本院裁定调解协议有效后，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。',
  '当事人也可以申请本院登记立案后，依据调解协议制作民事调解书，案件受理费减半收取；调解书经双方当事人签收后即具有法律效力。当事人按照调解协议自动履行完毕的，纠纷即告化解。',
);

const AGREEMENT_VOLUNTARY = section(
  '调解协议的效力与司法确认',
  AGREEMENT.paragraphs[0],
  '达成调解协议后，双方当事人可以自调解协议生效之日起三十日内，共同向本院申请司法确认，申请司法确认不收取费用。本院裁定调解协议有效后，一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。',
);

const NO_AGREEMENT = section(
  '调解不成的处理',
  '申请人或者被申请人不同意诉前调解、调解不成，或者调解期限届满未达成调解协议且未延长的，本院将依法登记立案，纠纷转入诉讼程序。',
  '调解不成的，调解员可以将各方当事人均认可的无争议事实记录在案，经当事人签字确认后，与诉前调解材料一并随案移送。',
);

// 《先行调解告知书》: a registered case, mediated before trial with every party's consent (民事诉讼法第一百二十五条;
// 《最高人民法院关于严格依法规范民事案件立案与调解工作的意见》). The period counts from the mediator's sign-for.
const POST_FILING_WHAT_IT_IS = section(
  '什么是先行调解',
  '先行调解，是指人民法院对已经登记立案的民事纠纷，在开庭审理之前，经各方当事人同意，委托特邀调解组织或者特邀调解员主持调解，引导当事人平等协商、互谅互让，自愿达成调解协议、化解纠纷的活动。本案已依法登记立案，是否先行调解不影响立案。',
  '先行调解完全出于自愿。任何一方当事人不同意先行调解的，本案直接转入审理；调解过程中任何一方当事人不愿继续调解的，调解即行终止，本案转入审理。本院不以调解代替审理，不强迫当事人调解，也不拖延审理。',
  '调解不公开进行，但各方当事人同意公开的除外。当事人在调解中为达成协议作出妥协而认可的事实，不得在后续诉讼中作为对其不利的根据，但法律另有规定或者当事人均同意的除外。当事人可以共同选定调解员；调解员与纠纷有利害关系或者有其他可能影响公正调解的情形的，当事人有权申请其回避。',
);

function postFilingPeriod(trialProcedure: TrialProcedure | null): NoticeSection {
  const own = trialProcedure
    ? `本案适用${TRIAL_PROCEDURE_LABELS[trialProcedure]}，先行调解期限为${NUMERALS_DAYS[POST_FILING_PERIOD_DAYS[trialProcedure]]}日。`
    : '';
  return {
    heading: '调解期限',
    paragraphs: [
      `先行调解的期限，适用普通程序的案件为十五日，适用简易程序的案件为七日，自调解员签收本院移交的案件材料之日起计算（签收当日不计入）；期限的最后一日是法定休假日的，以法定休假日后的第一个工作日为期限届满的日期。${own}`,
      `调解期限届满前，经双方当事人同意，可以延长一次，延长的期限不超过${NUMERALS_DAYS[POST_FILING_EXTENSION_MAX_DAYS]}日。先行调解期间和延长的期间均不计入审理期限。`,
    ],
  };
}

const POST_FILING_COST = section(
  '调解费用',
  '先行调解不收取调解费用；调解期间，原告暂不预交案件受理费。以调解方式结案或者原告申请撤诉的，依照《诉讼费用交纳办法》减半交纳案件受理费。',
);

const POST_FILING_AGREEMENT = section(
  '调解成功的结案方式',
  '经调解达成协议的，可以由原告申请撤诉，或者由义务人当场履行完毕（即时履行），本案以其他方式结案；当事人要求的，本院依据调解协议在本案中制作民事调解书，调解书经双方当事人签收后即具有法律效力，一方拒不履行的，对方可以申请强制执行。',
);

const POST_FILING_NO_AGREEMENT = section(
  '调解不成的处理',
  '任何一方当事人不同意先行调解、调解不成，或者调解期限届满未达成协议的，本案转入审理。转入审理前，本院将向原告发出交费通知，原告应当自收到通知的次日起七日内预交案件受理费；原告在期限内未预交、又未申请缓交、减交、免交的，本院依法按撤诉处理。',
  '调解不成的，调解员可以将各方当事人均认可的无争议事实记录在案，经当事人签字确认后随案移送审理。',
);

// 《诉前引导告知书》: the applicant, told of the options, may choose mediation outside the court's case instead of
// filing now; the court registers the suit at once whenever a party asks.
const VOLUNTARY_CHOICE = section(
  '当事人的选择',
  '当事人向人民法院起诉的，人民法院依法登记立案。当事人也可以自愿选择人民调解、行业调解、商事调解等非诉讼方式化解纠纷。是否选择非诉讼调解，完全由当事人自主决定，本院不以调解代替立案，不拖延立案。',
  '不选择非诉讼调解，或者在调解过程中任何时候要求立案的，本院依法当即登记立案，不影响当事人的诉讼权利。',
);

const VOLUNTARY_PERIOD = section(
  '调解期限',
  `非诉讼调解的期限为${NUMERALS_DAYS[VOLUNTARY_PERIOD_DAYS]}日，自调解组织或者调解员签收纠纷材料之日起计算（签收当日不计入）；期限的最后一日是法定休假日的，以法定休假日后的第一个工作日为期限届满的日期。经双方当事人同意，可以延长调解期限。`,
  '调解不公开进行，但各方当事人同意公开的除外。调解员不得强迫当事人接受调解方案；当事人在调解中为达成协议作出妥协而认可的事实，不得在后续诉讼中作为对其不利的根据，但法律另有规定或者当事人均同意的除外。',
);

const VOLUNTARY_COST = section('调解费用', '非诉讼调解不收取费用，申请司法确认也不收取费用。');

const VOLUNTARY_NO_AGREEMENT = section(
  '调解不成的处理',
  '调解不成或者调解期限届满未达成调解协议的，申请人可以依法起诉，本院依法登记立案。调解中各方当事人均认可的无争议事实记录在案的，随案移送；立案后除双方当事人均同意外，不再重复调解。',
);

const TEMPLATE_SECTIONS: Record<NoticeTemplate, NoticeSection> = {
  GENERAL: {
    heading: '参加调解须知',
    paragraphs: [
      '请各方当事人准备与纠纷有关的合同、票据、收据、照片、聊天记录等材料，按照调解员通知的时间、地点或者方式参加调解。当事人可以委托代理人参加调解，委托代理人的，应当提交授权委托书。',
    ],
  },
  FINANCIAL: {
    heading: '借款类纠纷特别提示',
    paragraphs: [
      '借款类纠纷调解中，各方当事人可以就还款数额、还款期限、分期履行、担保等事项进行协商；金融机构可以依照有关规定，对逾期利息、罚息、复利等作出适当减免。请准备借款合同、借据、转账或者还款凭证、对账单、担保合同等材料。有多名借款人或者保证人的，请各方尽量共同参加调解。',
    ],
  },
  LABOUR: {
    heading: '劳动争议特别提示',
    paragraphs: [
      '劳动争议一般应当先经劳动人事争议仲裁委员会仲裁，对仲裁裁决不服的，才可以向人民法院提起诉讼，法律另有规定的除外。请准备劳动合同、工资支付记录、社会保险缴费记录、仲裁裁决书或者不予受理通知书等材料。达成调解协议后可以依法申请司法确认；经司法确认的调解协议，用人单位不履行的，劳动者可以向人民法院申请强制执行。',
    ],
  },
  FAMILY: {
    heading: '婚姻家庭纠纷特别提示',
    paragraphs: [
      '婚姻家庭纠纷调解中，将着重保护未成年子女的合法权益，子女已满八周岁的，尊重其真实意愿；依法保护妇女、老年人的合法权益。当事人可以邀请亲属或者所在社区（村）协助调解。',
      '调解协议中解除婚姻关系等涉及身份关系的内容，不能通过司法确认程序确认。当事人可以在登记立案后申请本院依据调解协议制作民事调解书，或者依法到婚姻登记机关办理离婚登记。',
    ],
  },
};

/** The template's paragraph for a registered case: no 司法确认 (it has a case of its own), no arbitration ahead. */
const POST_FILING_TEMPLATE_SECTIONS: Record<NoticeTemplate, NoticeSection> = {
  GENERAL: TEMPLATE_SECTIONS.GENERAL,
  FINANCIAL: TEMPLATE_SECTIONS.FINANCIAL,
  LABOUR: {
    heading: '劳动争议特别提示',
    paragraphs: [
      '请准备劳动合同、工资支付记录、社会保险缴费记录、仲裁裁决书等材料。调解中将依法保护劳动者的合法权益；调解协议约定的给付，用人单位不履行的，劳动者可以依据民事调解书申请强制执行。',
    ],
  },
  FAMILY: {
    heading: '婚姻家庭纠纷特别提示',
    paragraphs: [TEMPLATE_SECTIONS.FAMILY.paragraphs[0]],
  },
};

/** 2026-09-01 -> 2026年9月1日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The body of the notice for a procedure and template: the procedure's sections with the template's own one, numbered. */
function noticeSections(
  template: NoticeTemplate,
  procedure: Procedure = 'LEGACY_PRE_FILING',
  trialProcedure: TrialProcedure | null = null,
): NoticeSection[] {
  const sections: Record<Procedure, NoticeSection[]> = {
    POST_FILING: [
      POST_FILING_WHAT_IT_IS,
      postFilingPeriod(trialProcedure),
      POST_FILING_COST,
      POST_FILING_AGREEMENT,
      POST_FILING_NO_AGREEMENT,
      POST_FILING_TEMPLATE_SECTIONS[template],
    ],
    VOLUNTARY: [
      VOLUNTARY_CHOICE,
      VOLUNTARY_PERIOD,
      VOLUNTARY_COST,
      AGREEMENT_VOLUNTARY,
      VOLUNTARY_NO_AGREEMENT,
      TEMPLATE_SECTIONS[template],
    ],
    LEGACY_PRE_FILING: [WHAT_IT_IS, PERIOD, COST, AGREEMENT, NO_AGREEMENT, TEMPLATE_SECTIONS[template]],
  };
  return sections[procedure].map((section, i) => ({
    heading: `${NUMERALS[i]}、${section.heading}`,
    paragraphs: [...section.paragraphs],
  }));
}

function noticeParty(party: NoticeFacts['parties'][number], agents: string[]): NoticeParty {
  const identity =
    party.kind === 'PERSON'
      ? party.idNumber && `公民身份号码 ${maskIdNumber(party.idNumber)}`
      : party.creditCode && `统一社会信用代码 ${party.creditCode}`;
  return {
    partyId: party.id,
    role: party.role,
    roleLabel: PARTY_ROLE_LABELS[party.role],
    kind: party.kind,
    name: party.name,
    identity: identity || null,
    legalRepresentative: party.legalRepresentative,
    agents,
  };
}

function namesOf(parties: NoticeFacts['parties'], role: PartyRole): string {
  return parties
    .filter((p) => p.role === role)
    .map((p) => p.name)
    .join('、');
}

/** What the notice says before its sections, and how the parties answer, by procedure. */
function openingAndAnswer(facts: NoticeFacts, dispute: string, replyBy: string) {
  switch (facts.procedure) {
    case 'POST_FILING':
      return {
        introduction:
          `${dispute}，本院已依法登记立案${facts.filingNumber ? `，案号${facts.filingNumber}` : ''}` +
          `${facts.trialProcedure ? `，适用${TRIAL_PROCEDURE_LABELS[facts.trialProcedure]}` : ''}。` +
          '根据《中华人民共和国民事诉讼法》第一百二十五条和《最高人民法院关于严格依法规范民事案件立案与调解工作的意见》的规定，当事人起诉到人民法院的民事纠纷，适宜调解的，经当事人同意，可以在立案后先行调解。' +
          '现将先行调解的有关事项告知如下，请各方当事人认真阅读，并在本告知书“当事人意见”栏中选择是否同意先行调解。',
        consentInstructions:
          `请于${replyBy}前向本院表明意见：在下方相应方框内打“√”，签名（盖章）并写明日期后交回或者邮寄至本院，也可以电话告知本院。` +
          '任何一方当事人不同意先行调解的，本案直接转入审理。',
        answerChoices: { consent: '同意先行调解', refuse: '不同意先行调解' },
        ratingService: '调解服务',
      };
    case 'VOLUNTARY':
      return {
        introduction:
          `${dispute}，申请人已向本院反映纠纷情况。本院依法告知：当事人可以起诉，由本院依法登记立案；也可以自愿选择非诉讼调解。` +
          '现将非诉讼调解的有关事项告知如下，请各方当事人认真阅读，并在本告知书“当事人意见”栏中作出选择。',
        consentInstructions:
          `请于${replyBy}前向本院表明选择：在下方相应方框内打“√”，签名（盖章）并写明日期后交回或者邮寄至本院，也可以电话告知本院。` +
          '选择要求立案的，或者在调解过程中任何时候要求立案的，本院依法当即登记立案。',
        answerChoices: { consent: '自愿选择非诉讼调解', refuse: '不选择调解，要求立案' },
        ratingService: '调解服务',
      };
    case 'LEGACY_PRE_FILING':
      return {
        introduction:
          `${dispute}，申请人已向本院提交起诉材料。根据《中华人民共和国民事诉讼法》第一百二十五条的规定，当事人起诉到人民法院的民事纠纷，适宜调解的，先行调解，但当事人拒绝调解的除外。` +
          '本院经审查，拟在登记立案前对本纠纷先行调解。现将诉前调解的有关事项告知如下，请各方当事人认真阅读，并在本告知书“当事人意见”栏中选择是否同意诉前调解。',
        consentInstructions:
          `请于${replyBy}前向本院表明意见：在下方相应方框内打“√”，签名（盖章）并写明日期后交回或者邮寄至本院，也可以电话告知本院。` +
          '申请人或者被申请人不同意诉前调解的，本院将依法登记立案。',
        answerChoices: LEGACY_ANSWER_CHOICES,
        ratingService: '诉前调解服务',
      };
  }
}

/** The answer boxes of a notice (notices issued before procedures: the old ones). */
export function answerChoicesOf(content: Pick<NoticeContent, 'answerChoices'>) {
  return content.answerChoices ?? LEGACY_ANSWER_CHOICES;
}

/** Fills the notice for one case. Personal numbers are masked: the notice is handed to every party. */
export function buildNoticeContent(facts: NoticeFacts): NoticeContent {
  const dispute = `${namesOf(facts.parties, 'PLAINTIFF')}与${namesOf(facts.parties, 'DEFENDANT')}${facts.caseType}一案`;
  const replyBy = `${chineseDate(facts.contact.replyBy)}${facts.contact.replyByProvisional ? '（暂定）' : ''}`;
  const opening = openingAndAnswer(facts, dispute, replyBy);
  const sections = noticeSections(facts.template, facts.procedure, facts.trialProcedure);
  return {
    title: NOTICE_TITLES[facts.procedure],
    courtName: facts.courtName,
    number: facts.number,
    template: facts.template,
    caseType: facts.caseType,
    claimAmount: formatYuan(facts.claimAmountFen),
    claims: facts.claims,
    issuedOn: facts.issuedOn,
    issuedByName: facts.issuedByName,
    parties: facts.parties.map((p) => noticeParty(p, facts.agentLines?.get(p.id) ?? [])),
    introduction: opening.introduction,
    sections,
    consentHeading: `${NUMERALS[sections.length]}、当事人意见`,
    consentInstructions: opening.consentInstructions,
    ratingCodeInstructions: `群众评价码：本告知书所列评价码仅供收件当事人本人使用，仅可使用一次。案件办结后，可用手机扫描二维码或者打开评价网址，凭本码对本院${opening.ratingService}进行评价，无须注册账号。请妥善保管，不要告诉他人。`,
    contact: facts.contact,
    procedure: facts.procedure,
    filingNumber: facts.filingNumber,
    answerChoices: opening.answerChoices,
  };
}
