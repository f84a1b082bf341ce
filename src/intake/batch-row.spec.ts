import { ValidationFailedError } from '../common/errors.js';
import { creditCodeCheckChar, residentIdCheckDigit } from '../common/validators/identity.js';
import { BATCH_COLUMNS, type BatchField } from './batch-template.js';
import { BatchHeader, checkBatchRow, isBlankRow, type BatchValues } from './batch-row.js';

const CASE_TYPES = ['金融借款合同纠纷', '信用卡纠纷'];
const id17 = '11010519900101001';
const code17 = '91110105MA0000001';

const good: Partial<Record<BatchField, string>> = {
  externalRef: 'JK-1',
  caseType: '金融借款合同纠纷',
  claimAmount: '58000.5',
  claims: '请求判令被告归还借款',
  plaintiffName: '某某银行北京分行',
  plaintiffCreditCode: code17 + creditCodeCheckChar(code17),
  plaintiffLegalRepresentative: '王某',
  plaintiffPhone: '13800138000',
  plaintiffAddress: '北京市西城区金融大街1号',
  defendantName: '张三',
  defendantIdNumber: id17 + residentIdCheckDigit(id17),
  defendantPhone: '13900139000',
  defendantAddress: '北京市朝阳区望京街10号',
  defendantServiceAddress: '北京市朝阳区望京街10号',
};

describe('batch header', () => {
  const headers = BATCH_COLUMNS.map((c) => c.header);

  it('finds columns by their Chinese header in any order, ignoring extra columns', () => {
    const reordered = ['备注', ...[...headers].reverse()];
    const header = BatchHeader.parse(reordered);
    const cells = ['随便写', ...BATCH_COLUMNS.map((c) => ` ${good[c.field] ?? ''} `).reverse()];
    expect(header.values(cells)).toEqual(good);
  });

  it('names every missing required column and a repeated one', () => {
    try {
      BatchHeader.parse(['银行业务编号', '案由', '案由']);
      throw new Error('expected the header to be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedError);
      const details = (error as ValidationFailedError).details as { field: string; code: string }[];
      expect(details).toContainEqual(expect.objectContaining({ field: '案由', code: 'COLUMN_DUPLICATED' }));
      expect(details).toContainEqual(expect.objectContaining({ field: '被申请人送达地址', code: 'COLUMN_MISSING' }));
      expect(details.some((d) => d.field === '申请人电话')).toBe(false);
    }
  });

  it('treats blank cells as absent and blank rows as blank', () => {
    const header = BatchHeader.parse(headers);
    expect(header.values(headers.map(() => '  '))).toEqual({});
    expect(isBlankRow(['', ' ', ''])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});

describe('batch row check', () => {
  const check = (change: BatchValues = {}, remove: BatchField[] = []) => {
    const values: BatchValues = { ...good, ...change };
    for (const field of remove) delete values[field];
    return checkBatchRow(values, CASE_TYPES);
  };

  it('turns a good row into a bank-against-borrower case with its amount in fen', () => {
    const checked = check();
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.claimAmountFen).toBe(5800050n);
    expect(checked.externalRef).toBe('JK-1');
    expect(checked.input.parties.map((p) => [p.role, p.kind])).toEqual([
      ['PLAINTIFF', 'ORGANIZATION'],
      ['DEFENDANT', 'PERSON'],
    ]);
  });

  it('accepts a row without the optional columns', () => {
    const optional = BATCH_COLUMNS.filter((c) => !c.required).map((c) => c.field);
    expect(check({}, optional).ok).toBe(true);
  });

  it.each<[string, BatchValues, string, string]>([
    ['ID check digit', { defendantIdNumber: id17 + 'Y' }, '被申请人身份证号', 'ID_NUMBER_INVALID'],
    ['credit code', { plaintiffCreditCode: code17 + 'I' }, '申请人统一社会信用代码', 'CREDIT_CODE_INVALID'],
    ['amount', { claimAmount: '1.001' }, '诉讼请求金额', 'AMOUNT_INVALID'],
    ['telephone', { plaintiffPhone: '12345678' }, '申请人电话', 'PHONE_INVALID'],
    ['case type', { caseType: '离婚纠纷' }, '案由', 'CASE_TYPE_UNKNOWN'],
    ['long reference', { externalRef: 'R'.repeat(101) }, '银行业务编号', 'IS_LENGTH'],
    ['long service address', { defendantServiceAddress: '址'.repeat(301) }, '被申请人送达地址', 'MAX_LENGTH'],
  ])('reports a bad %s against its Chinese column', (_name, change, column, code) => {
    const checked = check(change);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual([{ column, code, message: expect.stringMatching(new RegExp(`^${column}：.+`)) }]);
  });

  it('says REQUIRED once for an empty required column, not also each rule it then breaks', () => {
    const checked = check({}, ['caseType', 'defendantName', 'defendantServiceAddress']);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => [e.column, e.code])).toEqual([
      ['案由', 'REQUIRED'],
      ['被申请人姓名', 'REQUIRED'],
      ['被申请人送达地址', 'REQUIRED'],
    ]);
  });

  it('reports every bad column of a row, not only the first', () => {
    const checked = check({ claimAmount: '-1', defendantPhone: '1' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.column).sort()).toEqual(['被申请人电话', '诉讼请求金额'].sort());
  });
});

describe('an identity number Excel took for a number', () => {
  it.each([
    ['scientific notation', '1.10105E+17', '科学计数法'],
    ['the last digits turned to zeros', '110105199001010000', '末尾几位变成了 0'],
  ])('is reported as exactly that, with how to fix the column: %s', (_, idNumber, says) => {
    const checked = checkBatchRow({ ...good, defendantIdNumber: idNumber }, CASE_TYPES);
    expect(checked.ok).toBe(false);
    const errors = 'errors' in checked ? checked.errors : [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ column: '被申请人身份证号', code: 'ID_NUMBER_EXCEL_NUMBER' });
    expect(errors[0].message).toContain(says);
    expect(errors[0].message).toContain('设为“文本”格式');
  });

  it('leaves a valid number ending in zeros, and a plain wrong check digit, to the usual rules', () => {
    expect(checkBatchRow(good, CASE_TYPES).ok).toBe(true);
    const wrong = `${id17}${(Number(residentIdCheckDigit(id17)) + 1) % 10}`;
    const checked = checkBatchRow({ ...good, defendantIdNumber: wrong }, CASE_TYPES);
    expect('errors' in checked && checked.errors.map((e) => e.code)).not.toContain('ID_NUMBER_EXCEL_NUMBER');
  });
});

describe('batch row: the party of a loan, its facts and its procedure', () => {
  const ok = (values: BatchValues) => {
    const checked = checkBatchRow(values, CASE_TYPES, '2026-12-07');
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    return checked;
  };
  const errorsOf = (values: BatchValues) => {
    const checked = checkBatchRow(values, CASE_TYPES, '2026-12-07');
    return checked.ok ? [] : checked.errors.map((e) => [e.column, e.code]);
  };

  it('reads a row of the first template as a natural-person borrower without loan facts or procedure', () => {
    const checked = ok(good);
    expect(checked.loanRole).toBe('BORROWER');
    expect(checked.input.parties[1]).toMatchObject({ role: 'DEFENDANT', kind: 'PERSON' });
    expect(checked.loan).toEqual({ contractNo: null, principalFen: null, interestFen: null, overdueSince: null });
    expect(checked.choice).toEqual({ procedure: undefined, trialProcedure: undefined, filingNumber: undefined });
  });

  it('takes the Chinese words and the codes of each choice column', () => {
    const checked = ok({
      ...good,
      defendantLoanRole: '保证人',
      procedure: '先行调解',
      trialProcedure: 'ORDINARY',
      loanPrincipal: '50000',
      loanInterest: '12.5',
      loanOverdueSince: '2025/6/3',
    });
    expect(checked.loanRole).toBe('GUARANTOR');
    expect(checked.choice).toMatchObject({ procedure: 'POST_FILING', trialProcedure: 'ORDINARY' });
    expect(checked.loan).toMatchObject({ principalFen: 5_000_000n, interestFen: 1250n, overdueSince: '2025-06-03' });
  });

  it('takes an organization with its credit code, and refuses one with an identity number', () => {
    const other17 = '91110105MA0000002';
    const code = other17 + creditCodeCheckChar(other17);
    const org = { ...good, defendantKind: '组织', defendantIdNumber: undefined, defendantCreditCode: code };
    expect(ok(org).input.parties[1]).toMatchObject({ kind: 'ORGANIZATION', creditCode: code });
    expect(errorsOf({ ...org, defendantIdNumber: good.defendantIdNumber })).toContainEqual([
      '被申请人身份证号',
      'NOT_FOR_ORGANIZATION',
    ]);
    // The bank's own credit code as the borrower's: the problem is in the borrower's credit code column.
    expect(errorsOf({ ...org, defendantCreditCode: good.plaintiffCreditCode })).toEqual([
      ['被申请人统一社会信用代码', 'PARTY_DUPLICATED'],
    ]);
  });

  it.each([
    [{ defendantLoanRole: '老板' }, '被申请人身份', 'CHOICE_INVALID'],
    [{ defendantKind: '外星人' }, '被申请人类型', 'CHOICE_INVALID'],
    [{ procedure: '诉前调解' }, '适用程序', 'CHOICE_INVALID'],
    [{ trialProcedure: '特别程序' }, '审理程序', 'CHOICE_INVALID'],
    [{ loanPrincipal: '1.234' }, '借款本金', 'AMOUNT_INVALID'],
    [{ loanInterest: '-1' }, '利息', 'AMOUNT_INVALID'],
    [{ loanOverdueSince: '2025-02-30' }, '逾期日期', 'DATE_INVALID'],
    [{ loanOverdueSince: '2026-12-08' }, '逾期日期', 'DATE_IN_FUTURE'],
    [{ loanContractNo: 'H'.repeat(101) }, '借款合同编号', 'LENGTH'],
  ])('reports %j in its own column', (change, column, code) => {
    expect(errorsOf({ ...good, ...change })).toEqual([[column, code]]);
  });
});
