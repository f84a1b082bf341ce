import { fillAgreementTemplate, type AgreementFacts } from './agreement-template.js';

const facts: AgreementFacts = {
  courtName: '北京市朝阳区人民法院',
  caseNumber: '(2026)京0105民诉前调1号',
  caseType: '民间借贷纠纷',
  claims: '请求判令被告归还借款12000.50元',
  claimAmount: '12000.50',
  parties: [
    { role: 'PLAINTIFF', kind: 'PERSON', name: '张三', legalRepresentative: null, address: '北京市朝阳区建国路1号' },
    { role: 'DEFENDANT', kind: 'ORGANIZATION', name: '某某公司', legalRepresentative: '李四', address: '望京街10号' },
  ],
};

describe('agreement template (调解协议书)', () => {
  it('fills the parties, case and claim, and numbers the terms', () => {
    const text = fillAgreementTemplate('GENERAL', facts);
    expect(text.split('\n')[0]).toBe('调解协议书');
    expect(text).toContain('案号：(2026)京0105民诉前调1号');
    expect(text).toContain('申请人（原告）：张三，住址：北京市朝阳区建国路1号');
    expect(text).toContain('被申请人（被告）：某某公司，法定代表人：李四，住所地：望京街10号');
    expect(text).toContain('请求金额 12000.50 元');
    expect(text).toContain('经北京市朝阳区人民法院委派');
    expect(text).toMatch(/\n一、.*\n二、.*\n三、.*司法确认/);
  });

  it('offers the terms of each kind of dispute', () => {
    expect(fillAgreementTemplate('FINANCIAL', facts)).toContain('借款本金');
    expect(fillAgreementTemplate('LABOUR', facts)).toContain('劳动关系');
    expect(fillAgreementTemplate('FAMILY', facts)).toContain('抚养');
    expect(fillAgreementTemplate('GENERAL', { ...facts, caseNumber: null })).not.toContain('案号');
  });
});
