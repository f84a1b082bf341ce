// The starting text of a mediation agreement (调解协议书), one template per
// category of case type; the mediator edits it into the agreement.
import type { NoticeTemplate } from '../cases/case-types.js';

/** The same grouping as the referral notices: general, financial, labour and family disputes. */
type TemplateCategory = NoticeTemplate;

/** What the template fills in: the court that referred the case. The parties, the case number and the claim are
 * printed once, in the 调解协议书's own header (agreement-pdf.ts), and so are not repeated in the text. */
interface AgreementFacts {
  courtName: string;
}

// The terms each kind of dispute usually settles; the rest of the text is common.
const TERMS: Record<TemplateCategory, string[]> = {
  GENERAL: ['被申请人于____年__月__日前向申请人支付____元；', '双方就本纠纷再无其他争议；'],
  FINANCIAL: [
    '被申请人确认截至____年__月__日尚欠申请人借款本金____元、利息____元；',
    '被申请人按以下方式归还上述款项：____年__月__日前归还____元，……；',
    '被申请人如有一期未按约定足额还款，申请人有权就全部未还款项一并申请强制执行；',
    '双方就本借款纠纷再无其他争议；',
  ],
  LABOUR: [
    '用人单位于____年__月__日前向劳动者支付工资____元、经济补偿____元；',
    '双方劳动关系于____年__月__日解除，用人单位于____日内为劳动者办理档案和社会保险关系转移手续；',
    '本协议内容不违反劳动法律法规的强制性规定，双方就劳动关系再无其他争议；',
  ],
  FAMILY: [
    '子女____由____抚养，____每月__日前支付抚养费____元，至子女年满十八周岁止；',
    '____享有探望权，探望方式为：____；',
    '夫妻共同财产按以下方式分割：____；',
    '涉及身份关系的内容须经人民法院依法审查；',
  ],
};

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The filled template text for one case: the terms the parties agree on. When it takes effect and how it is
 * carried out are printed by the 调解协议书 (agreement-pdf.ts), once, with the signature lines.
 */
export function fillAgreementTemplate(category: TemplateCategory, facts: AgreementFacts): string {
  return [
    `经${facts.courtName}委派，在调解员主持下，双方当事人本着平等自愿的原则，达成如下协议：`,
    ...TERMS[category].map((term, i) => `${NUMERALS[i] ?? String(i + 1)}、${term}`),
  ].join('\n');
}
