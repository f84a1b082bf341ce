// Intake request bodies for the load test: valid identity numbers, new ones for
// most parties and existing ones (from the generated data) for some plaintiffs,
// so the related-case lookup finds what it would find at a real window.
import { creditCodeCheckChar, residentIdCheckDigit } from '../src/common/validators/identity.js';
import { randomInt } from './random.js';

/** Area codes no generated court uses, so new identities never collide with generated ones. */
const NEW_PERSON_AREA = '110198';
const NEW_ORG_AREA = '110199';
const BIRTH_DAYS = 14_600; // 1960-01-01 plus up to 40 years

export interface KnownParties {
  idNumbers: string[];
  creditCodes: string[];
}

/** The n-th new resident ID (unique for n below 14.6 million). */
export function newResidentId(n: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + (n % BIRTH_DAYS) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${NEW_PERSON_AREA}${birth.replace(/-/g, '')}${String(Math.floor(n / BIRTH_DAYS) % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

/** The n-th new unified social credit code. */
export function newCreditCode(n: number): string {
  const first17 = `91${NEW_ORG_AREA}${String(n % 1_000_000_000).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/**
 * The n-th body: half the plaintiffs are people already on file in the court,
 * a fifth are banks on file, the rest new; defendants are always new.
 */
export function intakeBody(n: number, next: () => number, known: KnownParties) {
  const draw = next();
  const plaintiff =
    draw < 0.2 && known.creditCodes.length > 0
      ? {
          kind: 'ORGANIZATION',
          name: '北京银行股份有限公司',
          creditCode: known.creditCodes[randomInt(next, known.creditCodes.length)],
          legalRepresentative: '霍学文',
        }
      : {
          kind: 'PERSON',
          name: '张三',
          idNumber:
            draw < 0.7 && known.idNumbers.length > 0
              ? known.idNumbers[randomInt(next, known.idNumbers.length)]
              : newResidentId(n),
        };
  const defendant =
    next() < 0.4
      ? {
          kind: 'ORGANIZATION',
          name: '北京某某科技有限公司',
          creditCode: newCreditCode(n),
          legalRepresentative: '李四',
        }
      : { kind: 'PERSON', name: '李四', idNumber: newResidentId(n + 7_000_000) };
  const yuan = (1000 + randomInt(next, 500_000)).toFixed(2);
  return {
    // Named, as the courts are on the 2025 procedure: 非诉调解 writes no 民初 number, as the old registration wrote none.
    procedure: 'VOLUNTARY',
    caseType: plaintiff.kind === 'ORGANIZATION' ? '金融借款合同纠纷' : '民间借贷纠纷',
    claimAmount: yuan,
    claims: `请求判令被申请人归还借款${yuan}元`,
    parties: [
      { role: 'PLAINTIFF', phone: '13800138000', address: '北京市朝阳区建国路1号', ...plaintiff },
      {
        role: 'DEFENDANT',
        phone: '13900139000',
        address: '北京市朝阳区望京街10号',
        serviceAddress: '北京市朝阳区望京街10号',
        ...defendant,
      },
    ],
  };
}
