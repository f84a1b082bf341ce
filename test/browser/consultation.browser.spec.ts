import { ManualClock } from '../../src/common/clock.js';
import { ConsultationEscalationService } from '../../src/consultation/consultation-escalation.service.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, chinaTime, files, sendLetter } from '../support/consultation.js';
import {
  DESKTOP,
  loginAs,
  pageWidth,
  PHONE,
  screenshot,
  textOnceShown,
  type TestPage,
  browserSuite,
} from './harness.js';

describe('consultation letters: a judge asks, the enforcement bureau replies (Chromium)', () => {
  let court: SeededCourt;
  let judge: TestPage;
  let enforcer: TestPage;
  let caseId: string;
  let overdueLetter: { id: string; letterNumber: string };
  const clock = new ManualClock(chinaTime('2026-09-01'));

  const h = browserSuite({ clock });
  beforeAll(async () => {
    court = await h.t.seedCourt('京0105', '');
    // Sent on 2026-09-01 (due 2026-09-08) and still unanswered on 2026-09-10, the day the tests run.
    overdueLetter = await sendLetter(h.t, 'judge', await aCaseIn(h.t, court, { n: 11 }));
    clock.set(chinaTime('2026-09-10'));
    await h.t.app.get(ConsultationEscalationService).runEscalation();
    caseId = await aCaseIn(h.t, court, { n: 12 });
    [judge, enforcer] = await Promise.all([h.newPage(), h.newPage()]);
    await Promise.all([loginAs(judge.page, 'judge'), loginAs(enforcer.page, 'enforcer')]);
  });

  it('a judge sends a letter from the case page: standard questions, another question, priority', async () => {
    const { page, errors } = judge;
    await page.goto(`/cases/${caseId}`);
    expect(await page.locator('#consultations').textContent()).toContain('本案尚未发送执行咨询函');
    await page.getByRole('link', { name: '发执行咨询函' }).click();
    const form = page.locator('#letter-form');
    await Promise.all([
      page.waitForURL(`**/cases/${caseId}/consultations#consultations`),
      form.getByRole('button', { name: '发送咨询函' }).click(),
    ]);
    expect(await textOnceShown(page.locator('#e-letter-questions'), '咨询事项')).toBe('请至少勾选一项咨询事项');
    await form.getByText('被告名下是否有可供执行的财产').click();
    await form.getByText('是否建议申请诉前财产保全').click();
    await form.getByLabel('其他问题').fill('被告名下车辆是否已被其他法院查封？');
    await form.getByText('加急').click();
    await screenshot(page, 'judge-letter-form');
    await Promise.all([
      page.waitForURL(`**/cases/${caseId}?saved=letter#consultations`),
      form.getByRole('button', { name: '发送咨询函' }).click(),
    ]);
    expect(await textOnceShown(page.getByRole('status'), '已发送')).toContain('执行咨询函已发送');
    const letters = page.locator('#letter-list');
    expect(await letters.textContent()).toMatch(/\(2026\)京0105执咨2号\s*待答复\s*加急/);
    expect(await letters.textContent()).toContain('答复期限 2026-09-14');
    expect(await letters.textContent()).toContain('等待执行局答复');
    const [row] = await h.t.dataSource.query(
      'SELECT questions, other_question, priority FROM consultation_letters WHERE case_id = $1',
      [caseId],
    );
    expect(row).toEqual({
      questions: ['被告名下是否有可供执行的财产', '是否建议申请诉前财产保全'],
      other_question: '被告名下车辆是否已被其他法院查封？',
      priority: 'URGENT',
    });
    await page.goto('/consultations/outbox');
    expect(await page.locator('#letter-box tbody').textContent()).toContain('(2026)京0105执咨2号');
    await screenshot(page, 'judge-outbox');
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'judge-outbox-390');
    await page.setViewportSize(DESKTOP);
    expect(errors).toEqual([]);
  });

  it('the judge attaches files to the letter: a file that is not PDF or image is refused at the field', async () => {
    const { page, errors } = judge;
    await page.goto(`/cases/${caseId}`);
    await page.getByRole('link', { name: '(2026)京0105执咨2号' }).click();
    const attachments = page.locator('#attachments');
    expect(await attachments.textContent()).toContain('无附件');
    const input = page.getByLabel('添加附件');
    // A letter needs no attachment: the field is not marked as required.
    expect(await page.locator('label[for="f-attachment-file"] .required').count()).toBe(0);
    const upload = async (name: string, mimeType: string, buffer: Buffer) => {
      await input.setInputFiles({ name, mimeType, buffer });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: '上传附件' }).click(),
      ]);
      await page.waitForLoadState('load');
      return response.status();
    };

    // No file chosen: the server asks for one at the field.
    const [nothing] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: '上传附件' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(nothing.status()).toBe(400);
    expect(await page.locator('#e-attachment-file').textContent()).toBe('请选择要上传的附件');

    // Named .pdf, but HTML inside: the service reads the first bytes and refuses it, in Chinese, at the field.
    expect(await upload('借条.pdf', 'application/pdf', files.html)).toBe(415);
    expect(await page.locator('#e-attachment-file').textContent()).toBe(
      '附件只能是 PDF、PNG 或 JPEG 文件（按文件内容识别，与文件名无关）',
    );
    expect(await page.locator('#error-summary').textContent()).toContain('文件：附件只能是 PDF、PNG 或 JPEG 文件');
    expect(await attachments.textContent()).toContain('无附件');
    await screenshot(page, 'judge-letter-attachment-refused');

    expect(await upload('财产线索.pdf', 'application/pdf', files.pdf)).toBe(303);
    expect(page.url()).toContain('?saved=attachment#attachments');
    expect(await attachments.getByRole('status').textContent()).toContain('附件已上传');
    expect(await upload('借条照片.png', 'image/png', files.png)).toBe(303);
    const list = page.locator('#attachment-list a');
    expect((await list.allTextContents()).sort()).toEqual(['借条照片.png', '财产线索.pdf']);
    const pdfLink = page.locator('#attachment-list').getByRole('link', { name: '财产线索.pdf' });
    const download = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(await download.body()).toEqual(files.pdf);
    await screenshot(page, 'judge-letter-attachments');
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'judge-letter-attachments-390');
    await page.setViewportSize(DESKTOP);
    expect(errors).toEqual([]);
  });

  it('the bureau sees its inbox by due date with the overdue letter first and highlighted, and filters it', async () => {
    const { page, errors } = enforcer;
    await page.goto('/consultations/inbox');
    const rows = page.locator('#letter-box tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain(overdueLetter.letterNumber);
    expect(await rows.nth(0).getAttribute('class')).toBe('is-overdue');
    expect(await rows.nth(0).textContent()).toContain('超期');
    expect(await rows.nth(1).textContent()).toContain('(2026)京0105执咨2号');
    await screenshot(page, 'enforcement-inbox');
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'enforcement-inbox-390');
    await page.setViewportSize(DESKTOP);

    await page.evaluate('window.__samePage = true');
    await page.getByLabel('状态').selectOption('OVERDUE');
    await page.waitForURL('**/consultations/inbox?status=OVERDUE');
    await textOnceShown(page.locator('#letter-box'), overdueLetter.letterNumber);
    expect(await rows.count()).toBe(1);
    expect(await page.evaluate('window.__samePage')).toBe(true);
    await page.getByLabel('状态').selectOption('REPLIED');
    expect(await textOnceShown(page.locator('#letter-box'), '没有')).toContain('没有“已答复”的咨询函');
    expect(errors).toEqual([]);
  });

  it('the bureau replies to the letter, then corrects the reply; the earlier version stays readable', async () => {
    const { page, errors } = enforcer;
    await page.goto('/consultations/inbox');
    await page.getByRole('link', { name: '(2026)京0105执咨2号' }).click();
    expect(await page.locator('#questions').textContent()).toContain('是否建议申请诉前财产保全');
    expect(await page.locator('main').textContent()).toContain('被告名下车辆是否已被其他法院查封？');
    expect(await page.locator('#attachment-list').textContent()).toContain('财产线索.pdf');
    expect(await page.locator('#attachment-form').count()).toBe(0);
    const form = page.locator('#reply-form');
    await form.getByText('部分可执行').click();
    await form.getByLabel('意见及理由').fill('被告名下有银行存款约5000元，车辆一辆已被他案查封。');
    await form.getByText('诉前财产保全').click();
    await form.getByLabel('其他建议').fill('约定分期履行并提供担保');
    await screenshot(page, 'enforcement-reply-form');
    const letterUrl = page.url();
    await Promise.all([page.waitForURL('**?saved=reply'), form.getByRole('button', { name: '提交答复' }).click()]);
    expect(await textOnceShown(page.getByRole('status'), '答复已发送')).toContain('答复已发送');
    const reply = page.locator('#reply');
    expect(await reply.locator('.assessment').first().textContent()).toBe('部分可执行');
    expect(await reply.textContent()).toContain('约定分期履行并提供担保');
    expect(await page.locator('#reply-form').count()).toBe(0);

    await page.locator('summary', { hasText: '更正答复' }).click();
    const correction = page.locator('#correction-form');
    expect(await correction.getByLabel('意见及理由').inputValue()).toContain('银行存款约5000元');
    await correction.getByLabel('更正原因').fill('经再次查询，银行存款已被冻结');
    await correction.getByText('难以执行').click();
    await correction.getByLabel('意见及理由').fill('银行存款已被他案冻结，暂无可供执行的财产。');
    await Promise.all([
      page.waitForURL('**?saved=correction'),
      correction.getByRole('button', { name: '保存更正' }).click(),
    ]);
    expect(await reply.locator('.reply').first().textContent()).toContain('第 2 版（现行）');
    expect(await reply.locator('.reply').first().textContent()).toContain('更正原因：经再次查询，银行存款已被冻结');
    await reply.locator('summary', { hasText: '此前的答复' }).click();
    expect(await reply.locator('details .reply').textContent()).toContain('部分可执行');
    await screenshot(page, 'enforcement-letter-corrected');
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'enforcement-letter-corrected-390');
    await page.setViewportSize(DESKTOP);

    // The printable letter, with the session cookie (the API's PDF takes bearer tokens only).
    const pdf = await page.request.get(`${new URL(letterUrl).pathname}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
  });

  it("the judge's case page shows the reply in force and the earlier one", async () => {
    const { page, errors } = judge;
    await page.goto(`/cases/${caseId}`);
    const letters = page.locator('#letter-list');
    expect(await letters.textContent()).toContain('已答复');
    expect(await letters.locator('.reply').first().textContent()).toContain('难以执行');
    expect(await letters.locator('.reply').first().textContent()).toContain('暂无可供执行的财产');
    await letters.locator('summary', { hasText: '此前的答复（1 个版本）' }).click();
    expect(await letters.locator('details .reply').textContent()).toContain('部分可执行');
    await screenshot(page, 'judge-case-letters');
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'judge-case-letters-390');
    await page.setViewportSize(DESKTOP);
    expect(errors).toEqual([]);
  });

  it('the bell counts unread notifications; reading one on the notifications page clears it', async () => {
    const { page, errors } = enforcer;
    await page.goto('/');
    const bell = page.locator('.bell');
    // The overdue letter and its arrival; the answered letter's arrival is done (已办), so no longer unread.
    expect(await bell.locator('.bell__count').textContent()).toBe('2');
    expect(await bell.getAttribute('aria-label')).toBe('提醒：2 条未读');
    await bell.click();
    await page.waitForURL('**/notifications');
    const list = page.locator('#notifications');
    expect(await list.textContent()).toContain(overdueLetter.letterNumber);
    expect(await list.textContent()).toContain('咨询函已超期');
    expect(await list.textContent()).toContain('新咨询函');
    await screenshot(page, 'notifications');
    await page.setViewportSize(PHONE);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'notifications-390');
    await page.setViewportSize(DESKTOP);
    for (let unread = 2; unread > 0; unread -= 1) {
      await Promise.all([
        page.waitForURL('**/notifications'),
        list.getByRole('button', { name: '标为已读' }).first().click(),
      ]);
    }
    expect(await textOnceShown(page.locator('main'), '没有未读提醒')).toContain('没有未读提醒');
    expect(await page.locator('.bell__count').count()).toBe(0);
    await page.getByRole('link', { name: '全部' }).click();
    expect(await page.locator('#notifications').textContent()).toContain('已读');
    expect(await page.locator('#notifications').textContent()).toContain('已办');
    await page.locator('#notifications li', { hasText: '咨询函已超期' }).getByRole('link', { name: '查看' }).click();
    await page.waitForURL(`**/consultations/${overdueLetter.id}`);
    expect(await page.locator('h1').textContent()).toBe(overdueLetter.letterNumber);
    expect(errors).toEqual([]);
  });
});
