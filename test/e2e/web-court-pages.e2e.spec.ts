// 本院信息 pages over plain HTTP: the court's name and population and its divisions. CSRF and role refusals
// write nothing, a refused form comes back with the error at its field and what was typed, another court's
// division is not found, and a good form changes the court as the API shows it.
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin, type WebSession, pageClient } from '../support/web-session.js';

describe('court and division pages over HTTP (e2e)', () => {
  let t: TestApp;
  let court: SeededCourt;
  let other: SeededCourt;
  const sessions: Record<string, WebSession> = {};

  const { get, post } = pageClient(() => t, sessions);
  const state = async () =>
    (
      await t.dataSource.query(
        `SELECT (SELECT row_to_json(c) FROM (SELECT name, population FROM courts WHERE id = $1) c) AS court,
                (SELECT array_agg(name || ':' || kind ORDER BY name) FROM divisions WHERE court_id = $1) AS divisions,
                (SELECT count(*)::int FROM audit_events WHERE subject_type IN ('COURT', 'DIVISION')) AS events`,
        [court.court.id],
      )
    )[0] as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    court = await t.seedCourt('京0105', '');
    other = await t.seedCourt('沪0115', 'sh_');
    for (const who of ['admin', 'clerk', 'statistician', 'sh_admin']) sessions[who] = await webLogin(t, who);
  });
  afterAll(() => t.close());

  it('shows the court, each division with its kind in Chinese and its active users, to the administrator only', async () => {
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [court.users.enforcer.id]);
    const page = await get('admin', '/admin/court');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/id="court-code">京0105/);
    expect(page.text).toContain('1,000,000 人（约 100 万人）');
    expect(page.text).toMatch(/<input id="f-court-population" name="population" type="text" value="1000000"/);
    expect(page.text).toContain('万人成讼率的分母');
    const row = (name: string) =>
      new RegExp(`${name}</th>\\s*<td data-label="类别">([^<]+)</td>\\s*<td[^>]*>(\\d+) 人`);
    expect(row('立案庭').exec(page.text)?.slice(1)).toEqual(['立案庭', '2']);
    expect(row('民一庭').exec(page.text)?.slice(1)).toEqual(['审判庭', '1']);
    // The enforcement officer's account is deactivated: the bureau has nobody working in it.
    expect(row('执行局').exec(page.text)?.slice(1)).toEqual(['执行局', '0']);
    expect(row('审管办').exec(page.text)?.slice(1)).toEqual(['审判管理', '1']);
    expect(page.text).not.toContain('沪0115');

    const refused = [
      await get('clerk', '/admin/court'),
      await get('statistician', `/admin/court/divisions/${court.divisions['民一庭'].id}`),
      await post('clerk', '/admin/court', { name: '北京市朝阳区人民法院', population: '1' }),
      await post('statistician', '/admin/court/divisions', { name: '民二庭', kind: 'TRIAL' }),
    ];
    expect(refused.map((res) => res.status)).toEqual([403, 403, 403, 403]);
    expect(refused.every((res) => res.text.includes('无权访问'))).toBe(true);
  });

  it('refuses each form without its token (403 page), writing nothing', async () => {
    const before = await state();
    const noToken = [
      await post('admin', '/admin/court', { name: '改名法院', population: '1000' }, false),
      await post('admin', '/admin/court/divisions', { name: '民二庭', kind: 'TRIAL' }, false),
      await post(
        'admin',
        `/admin/court/divisions/${court.divisions['民一庭'].id}`,
        { name: '民三庭', kind: 'TRIAL' },
        false,
      ),
    ];
    expect(noToken.map((res) => res.status)).toEqual([403, 403, 403]);
    expect(noToken.every((res) => res.text.includes('页面已过期'))).toBe(true);
    expect(await state()).toEqual(before);
  });

  it('shows refused forms with each error at its field and what was typed, writing nothing', async () => {
    const before = await state();
    const badCourt = await post('admin', '/admin/court', { name: '<b>院</b>', population: '三百万' });
    expect(badCourt.status).toBe(400);
    expect(badCourt.text).toMatch(/id="e-court-population"\s*>请填写整数人数，如 3446000</);
    expect(badCourt.text).toContain('value="三百万"');
    expect(badCourt.text).toContain('value="&lt;b&gt;院&lt;/b&gt;"');
    expect(badCourt.text).not.toContain('<b>院</b>');
    const emptyPopulation = await post('admin', '/admin/court', { name: '北京市朝阳区人民法院', population: '' });
    expect(emptyPopulation.text).toMatch(/id="e-court-population"\s*>请填写辖区常住人口</);
    const tooMany = await post('admin', '/admin/court', { name: '北京市朝阳区人民法院', population: '200,000,000' });
    expect(tooMany.text).toMatch(/id="e-court-population"\s*>辖区常住人口不应超过 1 亿</);
    expect(tooMany.text).toContain('value="200,000,000"');

    const taken = await post('admin', '/admin/court/divisions', { name: ' 执行局 ', kind: 'TRIAL' });
    expect(taken.status).toBe(409);
    expect(taken.text).toMatch(/id="e-division-name"\s*>本院已有名为“执行局”的部门</);
    expect(taken.text).toMatch(/<option value="TRIAL" selected>/);
    expect(taken.text).toContain('<a href="#f-division-name">部门名称：本院已有名为“执行局”的部门</a>');
    const noKind = await post('admin', '/admin/court/divisions', { name: '民二庭', kind: '' });
    expect(noKind.status).toBe(400);
    expect(noKind.text).toMatch(/id="e-division-kind"\s*>请选择部门类别</);
    expect(noKind.text).toMatch(/id="f-division-name" name="name" type="text" value="民二庭"/);

    const renameTaken = await post('admin', `/admin/court/divisions/${court.divisions['民一庭'].id}`, {
      name: '立案庭',
      kind: 'TRIAL',
    });
    expect(renameTaken.status).toBe(409);
    expect(renameTaken.text).toMatch(/id="e-division-name"\s*>本院已有名为“立案庭”的部门</);
    expect(await state()).toEqual(before);
  });

  it("answers another court's division as not found", async () => {
    const id = other.divisions['民一庭'].id;
    const [page, save] = [
      await get('admin', `/admin/court/divisions/${id}`),
      await post('admin', `/admin/court/divisions/${id}`, { name: '民九庭', kind: 'TRIAL' }),
    ];
    expect([page.status, save.status]).toEqual([404, 404]);
    expect(page.text).toContain('部门不存在');
    expect((await get('admin', '/admin/court/divisions/not-an-id')).status).toBe(404);
    const [row] = await t.dataSource.query(`SELECT name FROM divisions WHERE id = $1`, [id]);
    expect(row.name).toBe('民一庭');
  });

  it('saves the population, adds a division and renames it, each into the history', async () => {
    const saved = await post('admin', '/admin/court', { name: '北京市朝阳区人民法院', population: '3,450,000' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/admin/court?saved=court');
    expect((await get('admin', saved.headers.location)).text).toContain('本院信息已保存');

    const added = await post('admin', '/admin/court/divisions', { name: '民二庭', kind: 'TRIAL' });
    expect(added.status).toBe(303);
    const [division] = await t.dataSource.query(`SELECT id FROM divisions WHERE court_id = $1 AND name = '民二庭'`, [
      court.court.id,
    ]);
    expect(added.headers.location).toBe(`/admin/court?saved=${division.id}`);
    expect((await get('admin', added.headers.location)).text).toContain('部门“民二庭”已保存');

    const edit = await get('admin', `/admin/court/divisions/${division.id}`);
    expect(edit.text).toMatch(/id="f-division-name" name="name" type="text" value="民二庭"/);
    const renamed = await post('admin', `/admin/court/divisions/${division.id}`, {
      name: '金融审判庭',
      kind: 'TRIAL',
    });
    expect(renamed.status).toBe(303);

    const api = await t
      .http()
      .get('/api/v1/court')
      .set('Authorization', `Bearer ${await t.token('clerk')}`);
    expect(api.body.population).toBe(3_450_000);
    expect(api.body.divisions).toContainEqual({ id: division.id, name: '金融审判庭', kind: 'TRIAL', headUserId: null });
    const history = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE subject_type IN ('COURT', 'DIVISION') ORDER BY id`,
    );
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'COURT_UPDATED',
      'DIVISION_CREATED',
      'DIVISION_UPDATED',
    ]);
  });

  it('names the head of a division (庭长) from its own users, who then is shown; someone else is refused', async () => {
    const id = court.divisions['民一庭'].id;
    const edit = await get('admin', `/admin/court/divisions/${id}`);
    expect(edit.text).toContain('部门负责人（庭长）');
    expect(edit.text).toContain(`<option value="${court.users.judge.id}">陈法官（judge）</option>`);
    expect(edit.text).not.toContain(`<option value="${court.users.clerk.id}">`); // 立案庭's
    const named = await post('admin', `/admin/court/divisions/${id}`, {
      name: '民一庭',
      kind: 'TRIAL',
      headUserId: court.users.judge.id,
    });
    expect(named.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT head_user_id FROM divisions WHERE id = $1`, [id]);
    expect(row.head_user_id).toBe(court.users.judge.id);
    expect((await get('admin', `/admin/court/divisions/${id}`)).text).toContain(
      `<option value="${court.users.judge.id}" selected>`,
    );
    const refused = await post('admin', `/admin/court/divisions/${id}`, {
      name: '民一庭',
      kind: 'TRIAL',
      headUserId: court.users.clerk.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="e-division-headUserId"\s*>部门负责人应为本部门的用户</);
  });

  it("shows and sets who gives the court's numbers and the day the old procedure stopped, refusing a bad date", async () => {
    const page = await get('admin', '/admin/court');
    expect(page.text).toMatch(/id="court-filing-numbers">由本平台编号</);
    expect(page.text).toMatch(/id="court-legacy-until">2100-01-01/);
    const bad = await post('admin', '/admin/court', {
      name: '北京市朝阳区人民法院',
      population: '1000000',
      filingNumbers: 'EXTERNAL',
      legacyUntil: '2025-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="e-court-legacyUntil"\s*>[^<]+</);
    expect(bad.text).toMatch(/<option value="EXTERNAL" selected>/);
    const saved = await post('admin', '/admin/court', {
      name: '北京市朝阳区人民法院',
      population: '1000000',
      filingNumbers: 'EXTERNAL',
      legacyUntil: '2025-01-01',
    });
    expect(saved.status).toBe(303);
    const after = (await get('admin', '/admin/court')).text;
    expect(after).toMatch(/id="court-filing-numbers">由审判流程管理系统编号，立案员录入</);
    expect(after).toMatch(/id="court-legacy-until">2025-01-01/);
    const [row] = await t.dataSource.query(
      `SELECT filing_numbers, to_char(legacy_until, 'YYYY-MM-DD') AS legacy_until FROM courts WHERE id = $1`,
      [court.court.id],
    );
    expect(row).toEqual({ filing_numbers: 'EXTERNAL', legacy_until: '2025-01-01' });
    await t.dataSource.query(
      `UPDATE courts SET filing_numbers = 'OWN', legacy_until = DATE '2100-01-01' WHERE id = $1`,
      [court.court.id],
    );
  });
});
