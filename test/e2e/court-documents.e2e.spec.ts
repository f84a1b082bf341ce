// What the court prints and reveals (issue 19 items 1-5, issue 18 item 4), checked over HTTP and with poppler:
// the court's contact settings, the notice one copy per party (own rating code, contacts, reply deadline, /rate
// link and QR code, at most two pages, the seal with the text, rare characters in names), the /rate page, a
// settlement with blanks refused, the 调解协议书 PDF, the phone revealed on the case page and the letter that
// identifies the parties for the bureau, each reading recorded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { ratingCodeFor } from '../../src/referral/rating-code.js';
import { aCaseBody, residentId } from '../support/builders.js';
import { aCaseInMediation, addMediator, caseActions } from '../support/mediation.js';
import { referralClient, stepTo } from '../support/referral.js';
import { sendLetter, chinaTime } from '../support/consultation.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { cookieValue, csrfOf, webLogin } from '../support/web-session.js';
import { apiClient, binary } from '../support/http.js';

const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
const ARTIFACTS = path.resolve('test-artifacts', 'documents');

const RARE_NAMES = ['王𠇔', '刘䶮', '李堃喆', '陈昇'];

describe('court documents: notice copies, /rate, agreement, phone and letter (e2e, poppler)', () => {
  const clock = new ManualClock(chinaTime('2026-09-01', '10:00'));
  let t: TestApp;
  let court: SeededCourt;
  let dir: string;
  const api = apiClient(() => t);
  const bearer = api.auth;
  const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

  async function fetchPdf(url: string, user: string, name: string): Promise<{ status: number; file: string }> {
    const res = await t
      .http()
      .get(url)
      .set(await bearer(user))
      .buffer(true)
      .parse(binary);
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, res.body as Buffer);
    return { status: res.status, file };
  }

  /** The text of each page (pdftotext separates pages with a form feed). */
  const pagesOf = (file: string) => poppler('pdftotext', '-layout', file, '-').split('\f').slice(0, -1);
  const flat = (text: string) => text.replace(/\s+/g, '');

  beforeAll(async () => {
    t = await startTestApp({ clock, jwtSecret: JWT_SECRET });
    court = await t.seedCourt('京0105', '');
    dir = mkdtempSync(path.join(tmpdir(), 'court-documents-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  describe('court contact settings (PATCH /court)', () => {
    it('refuses a bad phone, address, address of the platform or reply period, naming each, and changes nothing', async () => {
      const res = await t
        .http()
        .patch('/api/v1/court')
        .set(await bearer('admin'))
        .send({ phone: '打电话', address: '京', publicUrl: 'tiaojie', noticeReplyDays: 0 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'address',
        'noticeReplyDays',
        'phone',
        'publicUrl',
      ]);
      const [row] = await t.dataSource.query('SELECT phone, address, public_url, notice_reply_days FROM courts');
      expect(row).toEqual({ phone: null, address: null, public_url: null, notice_reply_days: 7 });
    });

    it('saves them for the administrator only, with the history', async () => {
      const body = {
        phone: '010-85990000',
        address: '北京市朝阳区朝阳公园南路1号',
        publicUrl: 'https://tiaojie.example.gov.cn/',
        noticeReplyDays: 7,
      };
      expect(
        (
          await t
            .http()
            .patch('/api/v1/court')
            .set(await bearer('clerk'))
            .send(body)
        ).status,
      ).toBe(403);
      const res = await t
        .http()
        .patch('/api/v1/court')
        .set(await bearer('admin'))
        .send(body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ...body, publicUrl: 'https://tiaojie.example.gov.cn' });
      const [event] = await t.dataSource.query(
        `SELECT after FROM audit_events WHERE action = 'COURT_UPDATED' ORDER BY id DESC LIMIT 1`,
      );
      expect(event.after).toMatchObject({ phone: '010-85990000', noticeReplyDays: 7 });
    });
  });

  describe('the referral notice', () => {
    let parties: { id: string; name: string }[];
    let file: string;

    beforeAll(async () => {
      const client = referralClient(t);
      const base = aCaseBody({ n: 11 });
      const people = RARE_NAMES.slice(1).map((name, i) => ({
        role: 'DEFENDANT',
        kind: 'PERSON',
        name,
        idNumber: residentId(20 + i, '19850607'),
        address: '北京市朝阳区望京街10号',
        serviceAddress: '北京市朝阳区望京街10号',
      }));
      const plaintiff = { ...base.parties[0], name: RARE_NAMES[0] };
      const c = await client.register({}, { ...base, parties: [plaintiff, base.parties[1], ...people] });
      parties = c.parties;
      const notice = await client.issueNotice(c.id);
      expect(notice.status).toBe(201);
      // The service copies the window hands out (送达本): the copies with the parties' codes.
      ({ file } = await fetchPdf(notice.body.serviceCopiesUrl, 'clerk', 'notice'));
      execFileSync('cp', [file, path.join(ARTIFACTS, 'notice.pdf')]);
    });

    it('has one copy per party, each starting on a new page, of at most two A4 pages', () => {
      const pages = pagesOf(file);
      const starts = pages.flatMap((text, i) => (/送达：/.test(text) ? [i] : []));
      expect(starts).toHaveLength(parties.length);
      const lengths = starts.map((start, i) => (starts[i + 1] ?? pages.length) - start);
      for (const length of lengths) expect(length).toBeLessThanOrEqual(2);
      expect(pages.length).toBe(lengths.reduce((a, b) => a + b, 0));
      expect(poppler('pdfinfo', file)).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    });

    it('gives each party only its own rating code, with the rating page, its QR code and the court contacts', () => {
      const pages = pagesOf(file);
      const starts = pages.flatMap((text, i) => (/送达：/.test(text) ? [i] : []));
      const codes = parties.map((p) => ratingCodeFor(JWT_SECRET, p.id));
      parties.forEach((party, i) => {
        const copy = flat(pages.slice(starts[i], starts[i + 1] ?? pages.length).join('\n'));
        expect(copy).toMatch(new RegExp(`^[^送]*送达：[^：]*${party.name}`));
        expect(copy).toContain(`群众评价码：${codes[i]}`);
        for (const other of codes.filter((_, j) => j !== i)) expect(copy).not.toContain(other);
        expect(copy).toContain('评价网址：https://tiaojie.example.gov.cn/rate');
        expect(copy).toContain('联系电话：010-85990000');
        expect(copy).toContain('本院地址：北京市朝阳区朝阳公园南路1号');
        // Issued 2026-09-01: 7 days end on Tuesday 09-08.
        expect(copy).toContain('请于2026年9月8日前向本院表明意见');
        expect(copy).toContain('答复期限：2026年9月8日前');
      });
      // One QR code image per copy, each carrying its party's code (checked by the image count here and by
      // decoding in the browser test's rendering).
      const images = poppler('pdfimages', '-list', file)
        .trim()
        .split('\n')
        .slice(2)
        .filter((row) => row.trim().split(/\s+/)[2] === 'image');
      expect(images).toHaveLength(parties.length);
    });

    it('keeps the seal with the text: the page with 院印 also holds the answer and the rating', () => {
      for (const page of pagesOf(file).filter((text) => text.includes('（院印）'))) {
        expect(flat(page)).toContain('同意诉前调解');
        expect(flat(page)).toContain('群众评价码');
        expect(flat(page)).toContain('经办人');
      }
    });

    it('prints rare characters of real names (𠇔 䶮 堃 喆 昇) in the text layer, with every font embedded', () => {
      const text = flat(poppler('pdftotext', file, '-'));
      for (const name of RARE_NAMES) expect(text).toContain(name);
      const fonts = poppler('pdffonts', file);
      expect(fonts).toContain('NotoSerifSC-Regular');
      expect(fonts).toContain('NotoSerifSC-Bold');
      expect(fonts).toContain('BabelStoneHan');
      for (const line of fonts.trim().split('\n').slice(2)) expect(line.split(/\s+/).at(-5)).toBe('yes');
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', file, path.join(ARTIFACTS, 'notice-page')]);
    });

    it('is still issued when the reply deadline reaches into a year with no schedule: the date is 暂定', async () => {
      clock.set(chinaTime('2026-12-28', '10:00'));
      try {
        const client = referralClient(t);
        const c = await client.register({ n: 12 });
        const notice = await client.issueNotice(c.id);
        expect(notice.status).toBe(201);
        const { file: late } = await fetchPdf(notice.body.pdfUrl, 'clerk', 'notice-late');
        // 7 days from 2026-12-28 end on Monday 2027-01-04, counted with weekends only.
        expect(flat(poppler('pdftotext', late, '-'))).toContain('请于2027年1月4日（暂定）前');
      } finally {
        clock.set(chinaTime('2026-09-01', '10:00'));
      }
    });
  });

  describe('the public rating page /rate', () => {
    let code: string;
    let caseId: string;

    beforeAll(async () => {
      const client = referralClient(t);
      const c = await client.register({ n: 13 });
      expect((await client.issueNotice(c.id)).status).toBe(201);
      caseId = c.id;
      code = ratingCodeFor(JWT_SECRET, c.parties[0].id);
    });

    async function form(query = '') {
      const page = await t.http().get(`/rate${query}`);
      return { page, cookie: `mp_csrf=${cookieValue(page, 'mp_csrf')}`, csrf: csrfOf(page.text) };
    }

    it('opens without an account with the code from the QR link filled in', async () => {
      const { page } = await form(`?code=${code}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('群众评价');
      expect(page.text).toContain(`value="${code}"`);
      for (const score of ['1', '2', '3', '4', '5']) expect(page.text).toContain(`name="score" value="${score}"`);
    });

    it('refuses a code before the case has ended, at the code field, and saves nothing', async () => {
      const { cookie, csrf } = await form();
      const res = await t
        .http()
        .post('/rate')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, code, score: '5', comment: '' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('评价码无效');
      expect(res.text).toContain('aria-invalid="true"');
      expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM party_ratings'))[0].n)).toBe(0);
    });

    it('takes the rating once the case has ended, through the public rating service, once', async () => {
      await stepTo(t, caseId, 'TRANSFERRED');
      const { cookie, csrf } = await form();
      const missing = await t
        .http()
        .post('/rate')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, code, comment: '' });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('请选择 1 至 5 颗星');
      const res = await t
        .http()
        .post('/rate')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, code: code.toLowerCase(), score: '4', comment: '调解员很耐心' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/rate?done=1');
      const rows = await t.dataSource.query('SELECT score, comment FROM party_ratings');
      expect(rows).toEqual([{ score: 4, comment: '调解员很耐心' }]);
      const again = await t
        .http()
        .post('/rate')
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, code, score: '5' });
      expect(again.status).toBe(422);
    });
  });

  describe('settlement and the 调解协议书', () => {
    let id: string;
    const post = (user: string, body: object) => api.post(user, `cases/${id}/outcome`, body);

    beforeAll(async () => {
      id = await aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n: 14 });
    });

    it('refuses an agreement with the template blanks left in, naming the field, and saves nothing', async () => {
      const template = await t
        .http()
        .get(`/api/v1/cases/${id}/agreement-template`)
        .set(await bearer('mediator'));
      for (const agreement of [
        template.body.text,
        '被申请人于2026年10月31日前支付____元。',
        '被申请人于____年__月__日前支付8000元。',
      ]) {
        const res = await post('mediator', {
          result: 'SETTLED',
          settlement: { method: 'VOLUNTARY_PERFORMANCE', agreement, amount: '8000.00' },
        });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([
          expect.objectContaining({ field: 'settlement.agreement', code: 'PLACEHOLDER_LEFT' }),
        ]);
        expect(res.body.details[0].message).toContain('未填写的空白');
      }
      expect(Number((await t.dataSource.query('SELECT count(*) AS n FROM mediation_outcomes'))[0].n)).toBe(0);
    });

    it('prints the agreement from the recorded settlement for the mediator, clerk and coordinator', async () => {
      const agreement = [
        '调解协议书',
        '经测试法院京0105委派，在调解员主持下，双方当事人达成如下协议：',
        '一、被申请人于2026年10月31日前向申请人支付8000元；',
        '二、双方就本纠纷再无其他争议；',
      ].join('\n');
      const res = await post('mediator', {
        result: 'SETTLED',
        settlement: { method: 'JUDICIAL_CONFIRMATION', agreement, amount: '8000.00', performanceDueOn: '2026-10-31' },
      });
      expect(res.status).toBe(201);
      const before = (await caseActions(t, id)).filter((a) => a === 'PERSONAL_DATA_VIEWED').length;
      for (const user of ['mediator', 'clerk', 'coordinator']) {
        const pdf = await fetchPdf(`/api/v1/cases/${id}/mediation-agreement/pdf`, user, `agreement-${user}`);
        expect(pdf.status).toBe(200);
      }
      const viewed = (await caseActions(t, id)).filter((a) => a === 'PERSONAL_DATA_VIEWED').length;
      expect(viewed - before).toBe(3);
      const file = path.join(dir, 'agreement-mediator.pdf');
      execFileSync('cp', [file, path.join(ARTIFACTS, 'agreement.pdf')]);
      execFileSync('pdftoppm', ['-png', '-r', '80', file, path.join(ARTIFACTS, 'agreement-page')]);
      const text = flat(poppler('pdftotext', file, '-'));
      for (const expected of [
        '调解协议书',
        '(2026)京0105民诉前调',
        '申请人（原告）：张三',
        `公民身份号码${residentId(14)}`,
        '被申请人（被告）：北京某某科技有限公司',
        '法定代表人李四',
        '一、被申请人于2026年10月31日前向申请人支付8000元',
        '协议金额：人民币8000.00元',
        '履行期限：2026年10月31日前履行完毕',
        '履行方式：双方当事人自本协议生效之日起三十日内共同向人民法院申请司法确认',
        '本协议一式四份',
        '申请人（原告）：张三签名（盖章）：',
        '被申请人（被告）：北京某某科技有限公司签名（盖章）：',
        '调解员：测试调解员签名：',
      ]) {
        expect(text).toContain(expected);
      }
      expect(Number(poppler('pdfinfo', file).match(/Pages:\s+(\d+)/)![1])).toBeLessThanOrEqual(2);
    });

    it('is not for the judge, another court, or a case without a settlement', async () => {
      expect((await fetchPdf(`/api/v1/cases/${id}/mediation-agreement/pdf`, 'judge', 'x')).status).toBe(403);
      const open = await aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n: 15 });
      const res = await t
        .http()
        .get(`/api/v1/cases/${open}/mediation-agreement/pdf`)
        .set(await bearer('mediator'));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NO_SETTLEMENT');
    });

    it('is reachable from the case page of a page session', async () => {
      const session = await webLogin(t, 'mediator');
      const page = await t.http().get(`/cases/${id}`).set('Cookie', session.cookie);
      expect(page.text).toContain(`href="/cases/${id}/mediation-agreement.pdf"`);
      const pdf = await t.http().get(`/cases/${id}/mediation-agreement.pdf`).set('Cookie', session.cookie);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
    });
  });

  describe("a party's phone on the case page", () => {
    it('is revealed to the case mediator as a tel: link, each reading recorded, and refused without the token', async () => {
      const id = await aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n: 16 });
      const session = await webLogin(t, 'mediator');
      const page = await t.http().get(`/cases/${id}`).set('Cookie', session.cookie);
      const [party] = await t.dataSource.query(
        `SELECT id, phone FROM parties WHERE case_id = $1 AND role = 'PLAINTIFF'`,
        [id],
      );
      expect(page.text).toContain(`hx-post="/cases/${id}/parties/${party.id}/phone"`);
      expect(page.text).not.toContain(party.phone);
      const url = `/cases/${id}/parties/${party.id}/phone`;
      expect((await t.http().post(url).set('Cookie', session.cookie)).status).toBe(403);
      const res = await t.http().post(url).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`href="tel:${party.phone}"`);
      expect(res.headers['cache-control']).toBe('no-store');
      const [event] = await t.dataSource.query(
        `SELECT after FROM audit_events WHERE subject_id = $1 AND action = 'PERSONAL_DATA_VIEWED'`,
        [id],
      );
      expect(event.after).toMatchObject({ partyId: party.id, fields: ['idNumber', 'phone'] });
      // Another mediator's case is not found; the statistician may not reveal at all.
      const other = await aCaseInMediation(t, { mediatorUserId: await addMediator(t, 'mediator2'), n: 17 });
      const [p] = await t.dataSource.query(`SELECT id FROM parties WHERE case_id = $1 LIMIT 1`, [other]);
      const notMine = await t
        .http()
        .post(`/cases/${other}/parties/${p.id}/phone`)
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrf);
      expect(notMine.status).toBe(404);
      // The clerk and the coordinator reveal it too, each reading recorded.
      for (const user of ['clerk', 'coordinator']) {
        const staff = await webLogin(t, user);
        const shown = await t.http().post(url).set('Cookie', staff.cookie).set('X-CSRF-Token', staff.csrf);
        expect(shown.text).toContain(`href="tel:${party.phone}"`);
      }
      expect((await caseActions(t, id)).filter((a) => a === 'PERSONAL_DATA_VIEWED')).toHaveLength(3);
      const statistician = await webLogin(t, 'statistician');
      const refused = await t
        .http()
        .post(url)
        .set('Cookie', statistician.cookie)
        .set('X-CSRF-Token', statistician.csrf);
      expect(refused.status).toBe(403);
    });
  });

  describe('the consultation letter identifies the parties for the bureau', () => {
    it('shows the bureau full names, ID numbers, credit codes, addresses and the claim, page and PDF, each recorded', async () => {
      const id = await aCaseInMediation(t, { mediatorUserId: court.users.mediator.id, n: 18 });
      const letter = await sendLetter(t, 'judge', id);
      const countViews = async () =>
        Number(
          (
            await t.dataSource.query(
              `SELECT count(*) AS n FROM audit_events WHERE subject_id = $1 AND action = 'PERSONAL_DATA_VIEWED'`,
              [id],
            )
          )[0].n,
        );
      const bureau = await webLogin(t, 'enforcer');
      const page = await t.http().get(`/consultations/${letter.id}`).set('Cookie', bureau.cookie);
      expect(page.status).toBe(200);
      for (const expected of [
        '张三',
        residentId(18),
        '北京某某科技有限公司',
        '北京市朝阳区建国路1号',
        '北京市朝阳区望京街10号',
        '12,000.50',
      ]) {
        expect(page.text).toContain(expected);
      }
      expect(await countViews()).toBe(1);
      const pdf = await fetchPdf(`/api/v1/consultations/${letter.id}/pdf`, 'enforcer', 'letter');
      expect(pdf.status).toBe(200);
      const text = flat(poppler('pdftotext', pdf.file, '-'));
      expect(text).toContain(`公民身份号码${residentId(18)}`);
      expect(text).toContain('统一社会信用代码');
      expect(text).toContain('住址北京市朝阳区建国路1号');
      expect(text).toContain('标的额：12000.50元');
      expect(await countViews()).toBe(2);
      // The judge who sent it sees the ID number masked, and nothing is recorded for that.
      const judge = await webLogin(t, 'judge');
      const judgePage = await t.http().get(`/consultations/${letter.id}`).set('Cookie', judge.cookie);
      expect(judgePage.text).not.toContain(residentId(18));
      expect(judgePage.text).toContain(`${residentId(18).slice(0, 6)}********`);
      expect(await countViews()).toBe(2);
    });
  });
});
