import { fillAgreementTemplate } from './agreement-template.js';
import { agreementLines } from './agreement-pdf.js';

const facts = { courtName: '北京市朝阳区人民法院' };

describe('agreement template (调解协议书)', () => {
  it('is the terms only: the header and the rule of when it takes effect are the printed document’s', () => {
    const text = fillAgreementTemplate('GENERAL', facts);
    expect(text.split('\n')[0]).toBe(
      '经北京市朝阳区人民法院委派，在调解员主持下，双方当事人本着平等自愿的原则，达成如下协议：',
    );
    expect(text).toMatch(/\n一、.*\n二、.*双方就本纠纷再无其他争议；$/);
    expect(text).not.toMatch(/调解协议书|案号|案由|申请人的请求|生效/);
  });

  it('offers the terms of each kind of dispute', () => {
    expect(fillAgreementTemplate('FINANCIAL', facts)).toContain('借款本金');
    expect(fillAgreementTemplate('LABOUR', facts)).toContain('劳动关系');
    expect(fillAgreementTemplate('FAMILY', facts)).toContain('抚养');
  });
});

describe('the agreement text as printed', () => {
  it('leaves out the header and the effect rule an agreement recorded from the earlier template repeats', () => {
    const recorded = [
      '调解协议书',
      '',
      '案号：(2026)京0105民诉前调1号',
      '案由：民间借贷纠纷',
      '',
      '申请人（原告）：张三，住址：北京市朝阳区建国路1号',
      '被申请人（被告）：某某公司，法定代表人：李四',
      '',
      '申请人的请求：归还借款（请求金额 12000.50 元）',
      '',
      '经北京市朝阳区人民法院委派，在调解员主持下，双方当事人本着平等自愿的原则，达成如下协议：',
      '一、被申请人于2026年10月1日前向申请人支付8000元；',
      '二、本协议自双方当事人签字（盖章）之日起生效。双方可自本协议生效之日起三十日内共同向人民法院申请司法确认。',
    ].join('\n');
    expect(agreementLines(recorded)).toEqual([
      '经北京市朝阳区人民法院委派，在调解员主持下，双方当事人本着平等自愿的原则，达成如下协议：',
      '一、被申请人于2026年10月1日前向申请人支付8000元；',
    ]);
  });

  it('keeps a text written freely as it is', () => {
    expect(agreementLines('被申请人分期归还借款。\n申请人放弃利息。')).toEqual([
      '被申请人分期归还借款。',
      '申请人放弃利息。',
    ]);
  });
});
