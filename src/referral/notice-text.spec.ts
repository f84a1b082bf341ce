import { NOTICE_TEMPLATES } from '../cases/case-types.js';
import { buildNoticeContent, chineseDate, type NoticeFacts } from './notice-text.js';
import type { NoticeTemplate } from '../cases/case-types.js';

const facts = (template: NoticeTemplate): NoticeFacts => ({
  courtName: '北京市朝阳区人民法院',
  number: '(2026)京0105诉调告字第1号',
  template,
  caseType: '民间借贷纠纷',
  claimAmountFen: '1200050',
  claims: '请求判令被告归还借款12000.50元',
  issuedOn: '2026-09-01',
  issuedByName: '王立案',
  procedure: 'LEGACY_PRE_FILING',
  trialProcedure: null,
  filingNumber: null,
  contact: {
    phone: '010-85990000',
    address: '北京市朝阳区朝阳公园南路1号',
    replyDays: 7,
    replyBy: '2026-09-08',
    replyByProvisional: false,
    ratingUrl: 'https://tiaojie.example.gov.cn/rate',
  },
  parties: [
    {
      id: 'p1',
      role: 'PLAINTIFF',
      kind: 'PERSON',
      name: '张三',
      idNumber: '110105199001010017',
      creditCode: null,
      legalRepresentative: null,
    },
    {
      id: 'd1',
      role: 'DEFENDANT',
      kind: 'ORGANIZATION',
      name: '北京某某科技有限公司',
      idNumber: null,
      creditCode: '91110105000000001X',
      legalRepresentative: '李四',
    },
  ],
});

const fullText = (template: NoticeTemplate) => {
  const content = buildNoticeContent(facts(template));
  return [content.introduction, ...content.sections.flatMap((s) => [s.heading, ...s.paragraphs])].join('\n');
};

describe('notice text (诉前调解告知书)', () => {
  it.each(NOTICE_TEMPLATES)('%s: says what the law requires the parties to know', (template) => {
    const text = fullText(template);
    for (const phrase of [
      '诉前调解，是指', // what it is
      '三十日，从各方当事人均同意诉前调解之日的次日起计算', // the period, from the day after consent
      '经双方当事人同意，可以延长调解期限', // extension with both parties' consent
      '不收取费用', // no fee
      '具有法律约束力', // effect of an agreement
      '自调解协议生效之日起三十日内，共同向本院申请司法确认', // judicial confirmation within 30 days
      '申请强制执行',
      '依法登记立案', // what happens on refusal or failure
    ]) {
      expect(text).toContain(phrase);
    }
  });

  it.each([
    ['FAMILY', '未成年子女'],
    ['FINANCIAL', '分期履行'],
    ['LABOUR', '劳动人事争议仲裁委员会'],
    ['GENERAL', '授权委托书'],
  ] as [NoticeTemplate, string][])('%s: has its own paragraph', (template, phrase) => {
    expect(fullText(template)).toContain(phrase);
    for (const other of NOTICE_TEMPLATES.filter((t) => t !== template)) {
      expect(fullText(other)).not.toContain(phrase);
    }
  });

  it('names the dispute and the parties, masking resident ID numbers', () => {
    const content = buildNoticeContent(facts('FINANCIAL'));
    expect(content.introduction).toMatch(/^张三与北京某某科技有限公司民间借贷纠纷一案/);
    expect(content.parties[0].identity).toBe('公民身份号码 110105********0017');
    expect(JSON.stringify(content)).not.toContain('110105199001010017');
    expect(content.parties[1]).toMatchObject({ roleLabel: '被申请人（被告）', legalRepresentative: '李四' });
    expect(content.claimAmount).toBe('12000.50');
  });

  it('numbers the sections and the consent section after them', () => {
    const content = buildNoticeContent(facts('GENERAL'));
    expect(content.sections.map((s) => s.heading.slice(0, 2))).toEqual([
      '一、',
      '二、',
      '三、',
      '四、',
      '五、',
      '六、',
    ]);
    expect(content.consentHeading).toBe('七、当事人意见');
  });

  it('asks for an answer by the reply deadline, marked 暂定 when computed with weekends only', () => {
    expect(buildNoticeContent(facts('GENERAL')).consentInstructions).toMatch(/^请于2026年9月8日前向本院表明意见/);
    const provisional = facts('GENERAL');
    provisional.contact = { ...provisional.contact, replyBy: '2027-01-04', replyByProvisional: true };
    expect(buildNoticeContent(provisional).consentInstructions).toContain('请于2027年1月4日（暂定）前');
  });

  it('writes dates the Chinese way', () => {
    expect(chineseDate('2026-09-01')).toBe('2026年9月1日');
    expect(chineseDate('2026-10-18')).toBe('2026年10月18日');
  });

  describe('by procedure', () => {
    const textOf = (content: ReturnType<typeof buildNoticeContent>) =>
      [
        content.title,
        content.introduction,
        ...content.sections.flatMap((sec) => [sec.heading, ...sec.paragraphs]),
        content.consentInstructions,
      ].join('\n');
    const postFiling = (trialProcedure: 'SIMPLE' | 'ORDINARY') =>
      buildNoticeContent({
        ...facts('FINANCIAL'),
        procedure: 'POST_FILING',
        trialProcedure,
        filingNumber: '(2026)京0105民初12号',
      });

    it('《先行调解告知书》: voluntary, the period from the sign-for, one extension, no fee, how it ends', () => {
      const content = postFiling('SIMPLE');
      expect(content).toMatchObject({
        title: '先行调解告知书',
        procedure: 'POST_FILING',
        filingNumber: '(2026)京0105民初12号',
        answerChoices: { consent: '同意先行调解', refuse: '不同意先行调解' },
      });
      const text = textOf(content);
      for (const phrase of [
        '案号(2026)京0105民初12号',
        '适用简易程序',
        '先行调解完全出于自愿', // voluntary
        '任何一方当事人不同意先行调解的，本案直接转入审理',
        '普通程序的案件为十五日，适用简易程序的案件为七日，自调解员签收本院移交的案件材料之日起计算',
        '本案适用简易程序，先行调解期限为七日',
        '可以延长一次，延长的期限不超过三十日', // one extension of at most 30 days
        '不计入审理期限',
        '先行调解不收取调解费用', // no fee while mediating
        '原告申请撤诉', // settlement: 撤诉
        '即时履行',
        '民事调解书',
        '自收到通知的次日起七日内预交案件受理费', // the fee when it fails
        '按撤诉处理',
      ]) {
        expect(text).toContain(phrase);
      }
      expect(text).not.toContain('司法确认');
      expect(textOf(postFiling('ORDINARY'))).toContain('本案适用普通程序，先行调解期限为十五日');
    });

    it('《诉前引导告知书》: a free choice, the suit registered at once on request, free, 司法确认 within 30 days', () => {
      const content = buildNoticeContent({ ...facts('GENERAL'), procedure: 'VOLUNTARY' });
      expect(content.title).toBe('诉前引导告知书');
      expect(content.answerChoices).toEqual({ consent: '自愿选择非诉讼调解', refuse: '不选择调解，要求立案' });
      const text = textOf(content);
      for (const phrase of [
        '完全由当事人自主决定',
        '任何时候要求立案的，本院依法当即登记立案',
        '非诉讼调解不收取费用',
        '自调解协议生效之日起三十日内，共同向本院申请司法确认，申请司法确认不收取费用',
        '三十日，自调解组织或者调解员签收纠纷材料之日起计算',
      ]) {
        expect(text).toContain(phrase);
      }
    });

    it('keeps the old 《诉前调解告知书》 for the old procedure', () => {
      const content = buildNoticeContent(facts('GENERAL'));
      expect(content.title).toBe('诉前调解告知书');
      expect(content.answerChoices).toEqual({ consent: '同意诉前调解', refuse: '不同意诉前调解' });
    });
  });
});
