// A loan of a bank's batch with several parties (issue 30) as a mediator-facing page shows it: the case page has
// the loan facts (借款情况) and each borrower-side party's place in the loan, on a phone without sideways scrolling.
import { bankRow, csvOf } from '../support/batch.js';
import { creditCode, residentId } from '../support/builders.js';
import { apiClient } from '../support/http.js';
import { photograph, PHONE, browserSuite, signedInPage } from './harness.js';

describe('case page: a bank loan with several parties (Chromium)', () => {
  let caseId: string;

  const h = browserSuite();
  beforeAll(async () => {
    await h.t.seedCourt('京0105', '');
    const api = apiClient(h.t, { user: 'clerk' });
    const first = bankRow(
      1,
      {
        loanContractNo: 'HT-2024-0001',
        loanPrincipal: '50000.00',
        loanInterest: '1234.56',
        loanOverdueSince: '2025-06-30',
      },
      'LP',
    );
    const rows = [
      first,
      {
        ...first,
        defendantLoanRole: '共同借款人',
        defendantKind: '组织',
        defendantName: '某某商贸有限公司',
        defendantIdNumber: '',
        defendantCreditCode: creditCode(801),
        defendantLegalRepresentative: '李经理',
      },
      {
        ...first,
        defendantLoanRole: '保证人',
        defendantName: '王保证',
        defendantIdNumber: residentId(802, '19700101'),
      },
    ];
    const res = await h.t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth())
      .attach('file', csvOf(rows), { filename: 'loans.csv', contentType: 'text/csv' });
    expect(res.body.imported).toBe(3);
    const list = await api.get('clerk', 'cases?externalRef=LP-000001');
    caseId = list.body.items[0].id;
  });

  it('shows the loan facts and each party with its place in the loan', async () => {
    const { page, errors } = await signedInPage(h, 'clerk', PHONE);
    await page.goto(`/cases/${caseId}`);
    const loan = page.locator('#case-loan');
    expect(await loan.textContent()).toContain('HT-2024-0001');
    expect(await loan.textContent()).toContain('50,000.00');
    expect(await loan.textContent()).toContain('2025-06-30');
    const tags = await page.locator('.tag--loan-role').allTextContents();
    expect(tags).toEqual(['借款人', '共同借款人', '保证人']);
    expect(await page.locator('.party-list').textContent()).toContain('某某商贸有限公司');
    expect(await photograph(page, 'batch-loan-case')).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });
});
