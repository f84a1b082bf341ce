// The grown batch template (issue 30): several rows of one 银行业务编号 are one loan with its borrowers,
// co-borrowers and guarantors (persons or organizations), the loan facts on the case, and the procedure per row
// (先行调解 with its trial procedure and, at an EXTERNAL court, the typed 民初 number), wherever the loan's rows are
// in the file. Old files stay accepted.
import { stringify } from 'csv-stringify/sync';
import { BATCH_COLUMNS, LOAN_FIELDS } from '../../src/intake/batch-template.js';
import { bankRow, csvOf, type BankRow } from '../support/batch.js';
import { creditCode, residentId } from '../support/builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { apiClient } from '../support/http.js';
import { webLogin } from '../support/web-session.js';

interface RowReport {
  row: number;
  status: string;
  externalRef?: string;
  errors: { column: string; code: string; message: string }[];
}

describe('intake: bank batches of loans with several parties (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    await t.seedCourt('京0106', 'ext_', { legacyUntil: '2025-01-01', filingNumbers: 'EXTERNAL' });
    await t.seedCourt('京0107', 'own_', { legacyUntil: '2025-01-01' });
  });
  afterAll(() => t.close());

  const api = apiClient(() => t, { user: 'clerk' });
  const upload = async (file: Buffer, user = 'clerk') =>
    t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth(user))
      .attach('file', file, { filename: 'loans.csv', contentType: 'text/csv' });
  const caseOf = async (ref: string) =>
    (
      (await t.dataSource.query(
        `SELECT id, procedure, trial_procedure, filing_number, loan_contract_no, loan_principal_fen::text AS principal,
                loan_interest_fen::text AS interest, to_char(loan_overdue_since, 'YYYY-MM-DD') AS overdue
         FROM cases WHERE external_ref = $1`,
        [ref],
      )) as Record<string, string | null>[]
    )[0];

  /** A loan of three rows: the borrower with the loan facts, a company co-borrower and a guarantor (blanks after). */
  const loanRows = (prefix: string, n: number): BankRow[] => {
    const first = bankRow(
      n,
      {
        defendantLoanRole: '借款人',
        loanContractNo: `HT-${prefix}-${n}`,
        loanPrincipal: '50000.00',
        loanInterest: '1234.56',
        loanOverdueSince: '2025/6/3',
      },
      prefix,
    );
    const blank = Object.fromEntries(
      [
        'caseType',
        'claimAmount',
        'claims',
        'plaintiffName',
        'plaintiffCreditCode',
        'plaintiffLegalRepresentative',
        'plaintiffPhone',
        'plaintiffAddress',
      ].map((f) => [f, '']),
    );
    return [
      first,
      {
        ...first,
        ...blank,
        loanContractNo: '',
        loanPrincipal: '',
        loanInterest: '',
        loanOverdueSince: '',
        defendantLoanRole: '共同借款人',
        defendantKind: '组织',
        defendantName: `某某商贸有限公司${n}`,
        defendantIdNumber: '',
        defendantCreditCode: creditCode(700 + n),
        defendantLegalRepresentative: '李经理',
      },
      {
        ...first,
        defendantLoanRole: '保证人',
        defendantName: `保证人${n}`,
        defendantIdNumber: residentId(500 + n, '19700101'),
      },
    ];
  };

  it('makes one case of the adjacent rows of a loan, each party with its place, the loan facts on the case', async () => {
    const res = await upload(csvOf([...loanRows('LN', 1), bankRow(2, {}, 'LN')]));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalRows: 4, imported: 4, duplicates: 0, failed: 0 });
    const c = (await caseOf('LN-000001'))!;
    expect(c).toMatchObject({
      loan_contract_no: 'HT-LN-1',
      principal: '5000000',
      interest: '123456',
      overdue: '2025-06-03',
    });
    const page = await api.get('clerk', `cases/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.body.loan).toEqual({
      contractNo: 'HT-LN-1',
      principal: '50000.00',
      interest: '1234.56',
      overdueSince: '2025-06-03',
    });
    expect(
      page.body.parties.map((p: { role: string; kind: string; loanRole: string | null }) => [
        p.role,
        p.kind,
        p.loanRole,
      ]),
    ).toEqual([
      ['PLAINTIFF', 'ORGANIZATION', null],
      ['DEFENDANT', 'PERSON', 'BORROWER'],
      ['DEFENDANT', 'ORGANIZATION', 'CO_BORROWER'],
      ['DEFENDANT', 'PERSON', 'GUARANTOR'],
    ]);
    expect(page.body.parties[2].creditCode).toBe(creditCode(701));
    // A row of the first shape: one natural-person borrower, no loan facts.
    const single = await api.get('clerk', `cases/${(await caseOf('LN-000002'))!.id}`);
    expect(single.body.loan).toBeNull();
    expect(single.body.parties.map((p: { loanRole: string | null }) => p.loanRole)).toEqual([null, 'BORROWER']);
    // The case page shows the loan and each party's place.
    const html = await t
      .http()
      .get(`/cases/${c.id}`)
      .set('Cookie', (await webLogin(t, 'clerk')).cookie);
    expect(html.text).toContain('借款情况');
    expect(html.text).toContain('共同借款人');
    expect(html.text).toContain('50,000.00');
  });

  it('makes one case of a loan whose rows are apart in the file: its borrowers first, its columns given once', async () => {
    const [borrower, coBorrower, guarantor] = loanRows('NA', 40);
    const blankLoan = Object.fromEntries(LOAN_FIELDS.map((f) => [f, '']));
    const rows: BankRow[] = [
      // A sheet sorted by role puts 保证人 first; its loan columns were left to the borrower's row.
      { ...guarantor!, ...blankLoan },
      bankRow(41, {}, 'NA'),
      borrower!,
      bankRow(42, {}, 'NA'),
      coBorrower!,
      // Under the same reference, another contract: a conflicting repeat, named against the row that gave it.
      {
        ...borrower!,
        defendantLoanRole: '保证人',
        defendantName: '另一保证人',
        defendantIdNumber: residentId(601, '19700101'),
        loanContractNo: 'HT-OTHER',
      },
    ];
    const res = await upload(csvOf(rows));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalRows: 6, imported: 5, duplicates: 0, failed: 1 });
    const [conflict] = res.body.problems as RowReport[];
    expect(conflict).toMatchObject({ row: 7, status: 'FAILED', externalRef: 'NA-000040' });
    expect(conflict!.errors).toEqual([
      expect.objectContaining({ column: '银行业务编号', code: 'EXTERNAL_REF_CONFLICT' }),
    ]);
    expect(conflict!.errors[0]!.message).toContain('第 4 行');
    expect(conflict!.errors[0]!.message).toContain('借款合同编号');

    const c = (await caseOf('NA-000040'))!;
    expect(c).toMatchObject({ loan_contract_no: 'HT-NA-40', principal: '5000000' });
    const page = await api.get('clerk', `cases/${c.id}`);
    expect(page.body.parties.map((p: { name: string; loanRole: string | null }) => [p.loanRole, p.name])).toEqual([
      [null, '某某银行股份有限公司北京分行'],
      ['BORROWER', borrower!.defendantName],
      ['CO_BORROWER', coBorrower!.defendantName],
      ['GUARANTOR', guarantor!.defendantName],
    ]);
    expect(page.body.claimAmount).toBe(borrower!.claimAmount);
    // The loans between its rows are cases of their own.
    expect(await caseOf('NA-000041')).toBeDefined();
    expect(await caseOf('NA-000042')).toBeDefined();
    // Sent again in another order, the loan is the same: every row a duplicate.
    const again = await upload(csvOf([coBorrower!, { ...guarantor!, ...blankLoan }, borrower!]));
    expect(again.body).toMatchObject({ imported: 0, duplicates: 3, failed: 0 });
  });

  it('sends a loan again as duplicates, row by row', async () => {
    const rows = loanRows('LD', 3);
    expect((await upload(csvOf(rows))).body.imported).toBe(3);
    const again = await upload(csvOf(rows));
    expect(again.body).toMatchObject({ imported: 0, duplicates: 3, failed: 0 });
  });

  it('refuses the whole loan when one of its rows is bad, naming the bad row on the others', async () => {
    const rows = loanRows('LB', 4);
    rows[2] = { ...rows[2]!, defendantIdNumber: '110105197001010000' };
    const res = await upload(csvOf(rows));
    expect(res.body).toMatchObject({ totalRows: 3, imported: 0, failed: 3 });
    const problems = res.body.problems as RowReport[];
    expect(problems[2]!.errors).toEqual([expect.objectContaining({ column: '被申请人身份证号' })]);
    for (const p of problems.slice(0, 2)) {
      expect(p.errors).toEqual([expect.objectContaining({ column: '银行业务编号', code: 'LOAN_INCOMPLETE' })]);
      expect(p.errors[0]!.message).toContain('第 4 行');
    }
    expect(await caseOf('LB-000004')).toBeUndefined();
  });

  it('refuses a following row whose loan columns differ as a conflict and imports the loan without it', async () => {
    const rows = loanRows('LC', 5);
    rows[2] = { ...rows[2]!, claimAmount: '1.00' };
    const res = await upload(csvOf(rows));
    expect(res.body).toMatchObject({ totalRows: 3, imported: 2, failed: 1 });
    const [problem] = res.body.problems as RowReport[];
    expect(problem).toMatchObject({ row: 4, status: 'FAILED' });
    expect(problem!.errors[0]).toMatchObject({ column: '银行业务编号', code: 'EXTERNAL_REF_CONFLICT' });
    expect(problem!.errors[0]!.message).toContain('诉讼请求金额');
  });

  it('reports a word that is not a choice in its column, a loan without a borrower, and a future overdue date', async () => {
    const rows = [
      bankRow(6, { defendantLoanRole: '老板' }, 'LW'),
      bankRow(7, { defendantLoanRole: '保证人' }, 'LW'),
      bankRow(8, { loanOverdueSince: '2999-01-01' }, 'LW'),
      bankRow(9, { defendantKind: '组织' }, 'LW'),
    ];
    const res = await upload(csvOf(rows));
    expect(res.body).toMatchObject({ totalRows: 4, imported: 0, failed: 4 });
    const [role, guarantor, future, org] = res.body.problems as RowReport[];
    expect(role!.errors).toEqual([expect.objectContaining({ column: '被申请人身份', code: 'CHOICE_INVALID' })]);
    expect(guarantor!.errors).toEqual([expect.objectContaining({ column: '被申请人身份', code: 'BORROWER_REQUIRED' })]);
    expect(future!.errors).toEqual([expect.objectContaining({ column: '逾期日期', code: 'DATE_IN_FUTURE' })]);
    // An organization has a credit code, not an identity number.
    expect(org!.errors.map((e) => e.column)).toEqual(
      expect.arrayContaining(['被申请人身份证号', '被申请人统一社会信用代码']),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/parties\[/);
  });

  it('at an EXTERNAL court: 先行调解 rows need their trial procedure and 民初 number, each number once', async () => {
    const number = (n: number) => `(2026)京0106民初${n}号`;
    const rows = [
      bankRow(10, { procedure: '先行调解', trialProcedure: '简易程序', filingNumber: number(8001) }, 'LE'),
      bankRow(11, { procedure: 'POST_FILING' }, 'LE'),
      bankRow(12, { procedure: '先行调解', trialProcedure: 'ORDINARY', filingNumber: number(8001) }, 'LE'),
      bankRow(13, { procedure: '非诉调解', trialProcedure: '简易程序' }, 'LE'),
      bankRow(14, {}, 'LE'),
    ];
    const res = await upload(csvOf(rows), 'ext_clerk');
    expect(res.body).toMatchObject({ totalRows: 5, imported: 2, failed: 3 });
    const [missing, twice, notFiled] = res.body.problems as RowReport[];
    expect(missing!.errors.map((e) => [e.column, e.code])).toEqual(
      expect.arrayContaining([
        ['审理程序', 'REQUIRED'],
        ['民初案号', 'REQUIRED'],
      ]),
    );
    expect(twice!.errors).toEqual([expect.objectContaining({ column: '民初案号', code: 'CASE_NUMBER_TAKEN' })]);
    expect(notFiled!.errors).toEqual([expect.objectContaining({ column: '审理程序', code: 'NOT_FOR_PROCEDURE' })]);
    expect(await caseOf('LE-000010')).toMatchObject({
      procedure: 'POST_FILING',
      trial_procedure: 'SIMPLE',
      filing_number: number(8001),
    });
    expect(await caseOf('LE-000014')).toMatchObject({
      procedure: 'VOLUNTARY',
      trial_procedure: null,
      filing_number: null,
    });
    // A number another case already has is refused on a later upload.
    const later = await upload(
      csvOf([bankRow(15, { procedure: '先行调解', trialProcedure: '简易程序', filingNumber: number(8001) }, 'LE')]),
      'ext_clerk',
    );
    expect(later.body).toMatchObject({ imported: 0, failed: 1 });
    expect(later.body.problems[0].errors[0]).toMatchObject({ column: '民初案号', code: 'CASE_NUMBER_TAKEN' });
  });

  it('at an OWN court: 先行调解 rows get the next 民初 numbers, consecutive, and no typed number', async () => {
    const rows = [
      bankRow(20, { procedure: '先行调解', trialProcedure: '简易程序' }, 'LO'),
      bankRow(21, { procedure: '先行调解', trialProcedure: '普通程序' }, 'LO'),
      bankRow(22, { procedure: '先行调解', trialProcedure: '简易程序', filingNumber: '(2026)京0107民初1号' }, 'LO'),
    ];
    const res = await upload(csvOf(rows), 'own_clerk');
    expect(res.body).toMatchObject({ imported: 2, failed: 1 });
    expect((res.body.problems as RowReport[])[0]!.errors).toEqual([
      expect.objectContaining({ column: '民初案号', code: 'FILING_NUMBER_ASSIGNED' }),
    ]);
    const a = (await caseOf('LO-000020'))!.filing_number!;
    const b = (await caseOf('LO-000021'))!.filing_number!;
    const seq = (n: string) => Number(/民初(\d+)号/.exec(n)![1]);
    expect(a).toMatch(/^\(\d{4}\)京0107民初\d+号$/);
    expect(seq(b)).toBe(seq(a) + 1);
    // A window registration after them takes the next number.
    const events = await t.dataSource.query(
      `SELECT after->>'filingNumber' AS n FROM audit_events WHERE action = 'CASE_REGISTERED' AND subject_id = $1`,
      [(await caseOf('LO-000020'))!.id],
    );
    expect(events).toEqual([{ n: a }]);
  });

  it('still takes a file of the first template (its fourteen columns only)', async () => {
    const first = BATCH_COLUMNS.slice(0, 14);
    const old = BATCH_COLUMNS.filter((c) =>
      [
        'externalRef',
        'caseType',
        'claimAmount',
        'claims',
        'plaintiffName',
        'plaintiffCreditCode',
        'plaintiffLegalRepresentative',
        'plaintiffPhone',
        'plaintiffAddress',
        'defendantName',
        'defendantIdNumber',
        'defendantPhone',
        'defendantAddress',
        'defendantServiceAddress',
      ].includes(c.field),
    );
    expect(first.length).toBe(14);
    const rows = [bankRow(30, {}, 'LF'), bankRow(31, {}, 'LF')];
    const text = stringify([old.map((c) => c.header), ...rows.map((r) => old.map((c) => r[c.field] ?? ''))]);
    const res = await upload(Buffer.from(text));
    expect(res.body).toMatchObject({ totalRows: 2, imported: 2, failed: 0 });
  });
});
