// 关联案件 on the case page of a bank's batch case: the applicant institution's other open cases counted once
// (not listed on every case of its batch), the same borrower's other open case listed, and an identity number the
// court has under another name flagged.
import { bankRow, csvOf } from '../support/batch.js';
import { apiClient } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { pageClient, webLogin, type WebSession } from '../support/web-session.js';

describe('intake: related cases of a batch case (e2e)', () => {
  let t: TestApp;
  const sessions: Record<string, WebSession> = {};
  const pages = pageClient(() => t, sessions);
  const api = apiClient(() => t, { user: 'clerk' });
  const idOf = async (ref: string) => (await api.get('clerk', `cases?externalRef=${ref}`)).body.items[0].id as string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.seedCourt('京0105', '');
    const first = bankRow(1, {}, 'RC');
    const rows = [
      first,
      bankRow(2, {}, 'RC'),
      bankRow(3, {}, 'RC'),
      // Another loan of the same borrower, and the same identity number under another name.
      bankRow(4, { defendantName: first.defendantName, defendantIdNumber: first.defendantIdNumber }, 'RC'),
      bankRow(5, { defendantIdNumber: first.defendantIdNumber }, 'RC'),
    ];
    const res = await t
      .http()
      .post('/api/v1/cases/batches')
      .set(await api.auth())
      .attach('file', csvOf(rows), { filename: 'loans.csv', contentType: 'text/csv' });
    expect(res.body.imported).toBe(5);
    sessions.clerk = await webLogin(t, 'clerk');
  });
  afterAll(() => t.close());

  it('counts the bank’s other cases once and lists only the borrower’s', async () => {
    const html = (await pages.get('clerk', `/cases/${await idOf('RC-000002')}`)).text;
    expect(html).not.toContain('关联案件提示');
    expect(html).toContain('申请人“某某银行股份有限公司北京分行”在本院另有 4 件未结案件');
    expect(html).not.toContain('身份信息不一致');
  });

  it('lists the same borrower’s other loans, and flags the identity number under another name', async () => {
    const html = (await pages.get('clerk', `/cases/${await idOf('RC-000001')}`)).text;
    expect(html).toContain('关联案件提示：本案当事人在本院还有 2 件未结案件');
    expect(html).toContain('身份信息不一致');
    expect(html).toContain('本院其他案件登记为“借款人5”');
    expect(html).toContain('在本院另有 4 件未结案件');
  });
});
