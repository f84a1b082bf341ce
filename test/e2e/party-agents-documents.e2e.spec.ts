// Issue 29: a party's 委托代理人 printed under the party in the documents a clerk hands out, read back with poppler:
// the referral notice (every party's copy, as issued) and the mediation agreement; and on the signature lines of
// every document with them (调解协议书, 调解笔录, 无争议事实确认书, 送达地址确认书), the agent's line under its party's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/http.js';

const LAWYER = {
  kind: 'LAWYER',
  name: '李律师',
  licenceNumber: '11101201810123456',
  firm: '北京某某律师事务所',
  scope: 'SPECIAL',
  powers: ['ADMIT', 'SETTLE'],
};
const LAWYER_LINE =
  '委托代理人：李律师，北京某某律师事务所律师（执业证号11101201810123456），特别授权：代为承认诉讼请求、代为进行和解';
const RELATIVE = { kind: 'OTHER', name: '王某某', firm: '北京某某商贸有限公司', scope: 'GENERAL', powers: [] };
const RELATIVE_LINE = '委托代理人：王某某，北京某某商贸有限公司，一般授权';
/** The agents as they sign: 委托代理人：姓名（律师事务所）. */
const LAWYER_SIGNS = '委托代理人：李律师（北京某某律师事务所）';
const RELATIVE_SIGNS = '委托代理人：王某某（北京某某商贸有限公司）';

describe('party agents in the notice and the agreement (e2e, pdftotext)', () => {
  const clock = new ManualClock(at('2026-09-10'));
  let t: TestApp;
  let court: BuiltCourt;
  let b: ReturnType<typeof buildersOn>;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    b = buildersOn(t, clock);
    court = await b.aCourt();
    dir = mkdtempSync(path.join(tmpdir(), 'agents-pdf-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const token = async (role: keyof BuiltCourt['staff']) => ({
    Authorization: `Bearer ${await t.token(court.staff[role].username)}`,
  });
  const versionOf = async (id: string) =>
    Number((await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version);

  /** The plaintiff's lawyer and the defendant's general agent, added by the clerk. */
  async function withAgents(c: BuiltCase) {
    for (const [partyId, agent] of [
      [c.plaintiffId, LAWYER],
      [c.defendantId, RELATIVE],
    ] as const) {
      const res = await t
        .http()
        .post(`/api/v1/cases/${c.id}/parties/${partyId}/agents`)
        .set(await token('clerk'))
        .send({ ...agent, version: await versionOf(c.id) });
      expect(res.status).toBe(201);
    }
  }

  /** `申请人（原告）：张三` of each party, as the documents head their lines. */
  async function partyHeads(c: BuiltCase) {
    const rows: { id: string; name: string }[] = await t.dataSource.query(
      `SELECT id, name FROM parties WHERE case_id = $1`,
      [c.id],
    );
    const name = (id: string) => rows.find((r) => r.id === id)!.name;
    return {
      plaintiff: `申请人（原告）：${name(c.plaintiffId)}`,
      defendant: `被申请人（被告）：${name(c.defendantId)}`,
    };
  }

  async function pdfText(url: string, role: keyof BuiltCourt['staff'], name: string): Promise<string> {
    const res = await t
      .http()
      .get(url)
      .set(await token(role))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, res.body as Buffer);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  }

  /** Each agent's line follows its own party's line and comes before the next party's. */
  function expectUnderTheirParties(text: string, heads: { plaintiff: string; defendant: string }) {
    const order = [heads.plaintiff, LAWYER_LINE, heads.defendant, RELATIVE_LINE].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  }

  it('the notice lists each party’s agents under it, in every party’s copy', async () => {
    const c = await b.aCase({ status: 'REGISTERED', court });
    await withAgents(c);
    const issued = await t
      .http()
      .post(`/api/v1/cases/${c.id}/notices`)
      .set(await token('clerk'))
      .send({ version: await versionOf(c.id) });
    expect(issued.status).toBe(201);
    const text = await pdfText(issued.body.pdfUrl, 'clerk', 'notice');
    const heads = await partyHeads(c);
    expectUnderTheirParties(text.slice(0, text.indexOf('案由：')), heads);
    // One copy per party, each listing both agents.
    expect(text.split(LAWYER_LINE)).toHaveLength(3);
    expect(text.split(RELATIVE_LINE)).toHaveLength(3);
  });

  it('the agreement lists each party’s agents under it; the signature lines stay the parties’', async () => {
    const c = await b.aCase({ status: 'IN_MEDIATION', court });
    await withAgents(c);
    const settled = await t
      .http()
      .post(`/api/v1/cases/${c.id}/outcome`)
      .set(await token('mediator'))
      .send({
        result: 'SETTLED',
        settlement: {
          method: 'VOLUNTARY_PERFORMANCE',
          agreement: '一、被申请人于2026年12月31日前向申请人支付借款本金8000元。',
          amount: '8000.00',
          performanceDueOn: '2026-12-31',
        },
      });
    expect(settled.status).toBe(201);
    const text = await pdfText(`/api/v1/cases/${c.id}/mediation-agreement/pdf`, 'mediator', 'agreement');
    const heads = await partyHeads(c);
    expectUnderTheirParties(text.slice(0, text.indexOf('案由：')), heads);
    // The signature lines: each party's, then its agent's under it, then the mediator's.
    const signing = text.slice(text.lastIndexOf(`${heads.plaintiff}签名（盖章）：`));
    const order = [
      `${heads.plaintiff}签名（盖章）：`,
      `${LAWYER_SIGNS}签名：`,
      `${heads.defendant}签名（盖章）：`,
      `${RELATIVE_SIGNS}签名：`,
      '调解员：',
    ].map((line) => signing.indexOf(line));
    expect(order[0]).toBe(0);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('the session record, the undisputed facts and the service address forms: an agent signs under its party', async () => {
    const c = await b.aCase({ status: 'FAILED', court });
    await withAgents(c);
    const names = await partyHeads(c);
    const plaintiff = names.plaintiff.replace('：', '');
    const defendant = names.defendant.replace('：', '');
    const document = (kind: string) => pdfText(`/api/v1/cases/${c.id}/documents/${kind}/pdf`, 'clerk', kind);

    for (const kind of ['session-record', 'undisputed-facts']) {
      const text = await document(kind);
      const order = [
        `${plaintiff}（签名）：`,
        `${LAWYER_SIGNS}（签名）：`,
        `${defendant}（签名）：`,
        `${RELATIVE_SIGNS}（签名）：`,
        '调解员（签名）：',
      ].map((line) => text.indexOf(line));
      expect({ kind, found: order.every((i) => i >= 0) }).toEqual({ kind, found: true });
      expect([...order].sort((x, y) => x - y)).toEqual(order);
    }

    // One form per party: each has its own addressee's line and its own agent's, not the other party's agent.
    const forms = (await document('service-address')).split('送达地址确认书').slice(1);
    expect(forms).toHaveLength(2);
    const [first, second] = forms;
    expect(first.indexOf(`${LAWYER_SIGNS}（签名）：`)).toBeGreaterThan(first.indexOf('（签名）：'));
    expect(first).not.toContain(RELATIVE_SIGNS);
    expect(second).toContain(`${RELATIVE_SIGNS}（签名）：`);
    expect(second).not.toContain(LAWYER_SIGNS);
  });
});
