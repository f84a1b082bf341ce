// The electronic file out (issue 29, part 4): GET /cases/:id/file-package is a ZIP that a real reader (unzip)
// unpacks; every file's SHA-256 matches the manifest, which carries the case, its numbers, parties, steps, the
// outcome with the undisputed facts; the download is in the history; withdrawn files stay out; refusals.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_LEGACY_UNTIL } from '../../src/cases/procedure.js';
import { FilePackageBuilder } from '../../src/casefile/file-package-builder.js';
import { ManualClock } from '../../src/common/clock.js';
import { buildersOn } from '../support/builders-over-http.js';
import type { BuiltCase, BuiltCourt } from '../support/case-builders.js';
import { files } from '../support/consultation.js';
import { caseActions } from '../support/mediation.js';
import { at } from '../support/statistics.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { webLogin } from '../support/web-session.js';
import { binary } from '../support/http.js';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Every file under `dir`, relative paths. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

describe('case file package (e2e)', () => {
  const clock = new ManualClock(at('2026-09-01'));
  let t: TestApp;
  let court: BuiltCourt;
  let other: BuiltCourt;
  let failed: BuiltCase;
  let elsewhere: BuiltCase;
  let dir: string;
  let b: ReturnType<typeof buildersOn>;
  const user = (c: BuiltCourt, role: keyof BuiltCourt['staff']) => c.staff[role].username;
  const auth = async (username: string) => ({ Authorization: `Bearer ${await t.token(username)}` });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    b = buildersOn(t, clock);
    court = await b.aCourt();
    other = await b.aCourt();
    failed = await b.aCase({ status: 'FAILED', court });
    elsewhere = await b.aCase({ status: 'FAILED', court: other });
    dir = mkdtempSync(path.join(tmpdir(), 'file-package-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  const upload = async (caseId: string, content: Buffer, filename: string, category: string) =>
    t
      .http()
      .post(`/api/v1/cases/${caseId}/attachments`)
      .set(await auth(user(court, 'clerk')))
      .field('category', category)
      .attach('file', content, { filename, contentType: 'application/octet-stream' });
  const fetchPackage = async (caseId: string, username: string) =>
    t
      .http()
      .get(`/api/v1/cases/${caseId}/file-package`)
      .set(await auth(username))
      .buffer(true)
      .parse(binary);

  it('is a ZIP whose every file matches its SHA-256 in the manifest, with the case as the history has it', async () => {
    const complaint = Buffer.concat([files.pdf, randomBytes(700 * 1024)]);
    const scan = files.png;
    const added = [
      await upload(failed.id, complaint, '起诉状.pdf', 'COMPLAINT'),
      await upload(failed.id, scan, '身份证/正面.png', 'IDENTITY'),
      await upload(failed.id, files.pdf, '错传.pdf', 'EVIDENCE'),
    ];
    expect(added.map((r) => r.status)).toEqual([201, 201, 201]);
    const withdrawn = await t
      .http()
      .post(`/api/v1/cases/${failed.id}/attachments/${added[2].body.id}/withdrawal`)
      .set(await auth(user(court, 'clerk')))
      .send({ reason: '上传错误' });
    expect(withdrawn.status).toBe(201);

    const res = await fetchPackage(failed.id, user(court, 'judge'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('电子卷宗'));
    // Never transferred: a preview built now, with no stored digest.
    expect(res.headers['x-case-file-package']).toBe('PREVIEW');
    expect(res.headers.etag).toBeUndefined();
    const zip = path.join(dir, 'case.zip');
    writeFileSync(zip, res.body as Buffer);
    // The archive's own CRCs, by a real reader; then unpacked.
    expect(execFileSync('unzip', ['-tq', zip]).toString()).toMatch(/No errors detected/);
    const out = path.join(dir, 'out');
    execFileSync('unzip', ['-q', '-o', zip, '-d', out]);

    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'mediation-platform/case-file',
      version: 1,
      case: { id: failed.id, status: 'FAILED', caseType: expect.any(String) },
      numbers: { prelitigation: expect.stringMatching(/民诉前调\d+号$/) },
      mediation: { result: 'FAILED', undisputedFacts: '借款事实无争议' },
    });
    expect(manifest.package).toEqual({ kind: 'PREVIEW', id: null, event: null });
    expect(manifest.parties.map((p: { role: string }) => p.role)).toEqual(['PLAINTIFF', 'DEFENDANT']);
    expect(manifest.steps[0]).toMatchObject({ action: 'CASE_REGISTERED', from: null, to: 'REGISTERED' });
    expect(manifest.steps.at(-1)).toMatchObject({ to: 'FAILED' });
    for (const step of manifest.steps) expect(Number.isNaN(Date.parse(step.at))).toBe(false);

    // Every file listed is in the ZIP with its digest, and nothing else is.
    const listed = manifest.files.map((f: { path: string }) => f.path).sort();
    expect(
      walk(out)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    ).toEqual(listed);
    for (const f of manifest.files as { path: string; sha256: string; size: number }[]) {
      const content = readFileSync(path.join(out, f.path));
      expect({ path: f.path, sha256: sha256(content), size: content.length }).toEqual({
        path: f.path,
        sha256: f.sha256,
        size: f.size,
      });
    }
    // The attachments still in the file (not the withdrawn one), the bytes uploaded, the name as stored (no directory).
    const attachments = manifest.files.filter((f: { kind: string }) => f.kind === 'ATTACHMENT');
    // (Added at the same instant of the test's clock: in either order.)
    const byHash = new Map(attachments.map((f: { sha256: string; path: string }) => [f.sha256, f.path]));
    expect([...byHash.keys()].sort()).toEqual([sha256(complaint), sha256(scan)].sort());
    expect(byHash.get(sha256(scan))).toMatch(/^attachments\/00[12]-正面\.png$/);
    // The documents that apply to a failed case, rendered: the PDF text is the case's.
    const documents = manifest.files.filter((f: { kind: string }) => f.kind === 'DOCUMENT');
    expect(documents.map((f: { title: string }) => f.title)).toEqual(
      expect.arrayContaining(['无争议事实确认书', '送达地址确认书', '案件信息表']),
    );
    const facts = documents.find((f: { title: string }) => f.title === '无争议事实确认书');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(out, facts.path), '-']).toString();
    expect(text).toContain('借款事实无争议');

    expect(await caseActions(t, failed.id)).toContain('CASE_FILE_PACKAGE_DOWNLOADED');
  });

  it("is refused to a role without it (403) and for another court's case (404), recording nothing", async () => {
    const before = (await caseActions(t, failed.id)).length;
    const mediator = await fetchPackage(failed.id, user(court, 'mediator'));
    expect(mediator.status).toBe(403);
    const stats = await fetchPackage(failed.id, user(court, 'statistician'));
    expect(stats.status).toBe(403);
    const foreign = await fetchPackage(elsewhere.id, user(court, 'clerk'));
    expect(foreign.status).toBe(404);
    expect(JSON.parse((foreign.body as Buffer).toString()).code).toBe('CASE_NOT_FOUND');
    const malformed = await fetchPackage('not-a-case', user(court, 'clerk'));
    expect(malformed.status).toBe(404);
    expect((await caseActions(t, failed.id)).length).toBe(before);
  });

  it('holds the documents issued to the parties as printed: the notices, the agreement, the fee notice', async () => {
    const court2025 = await b.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
    const settled = await b.aCase({ status: 'SETTLED', court: court2025, procedure: 'POST_FILING' });
    const pending = await b.aCase({ status: 'FEE_PENDING', court: court2025, procedure: 'POST_FILING' });

    /** The package unpacked: its documents by title, each checked against its SHA-256 and size, as text. */
    const documentsOf = async (c: BuiltCase) => {
      const res = await fetchPackage(c.id, user(court2025, 'clerk'));
      expect(res.status).toBe(200);
      const zip = path.join(dir, `${c.id}.zip`);
      writeFileSync(zip, res.body as Buffer);
      const out = path.join(dir, c.id);
      execFileSync('unzip', ['-q', '-o', zip, '-d', out]);
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      const texts = new Map<string, string>();
      for (const f of manifest.files as { path: string; kind: string; title: string; sha256: string; size: number }[]) {
        const content = readFileSync(path.join(out, f.path));
        expect({ sha256: sha256(content), size: content.length }).toEqual({ sha256: f.sha256, size: f.size });
        if (f.kind !== 'DOCUMENT') continue;
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(out, f.path), '-']).toString();
        texts.set(f.title, text.replace(/\s+/g, ''));
      }
      return { titles: manifest.files.map((f: { title: string }) => f.title) as string[], texts };
    };
    const noticeNumber = async (c: BuiltCase) =>
      (await t.dataSource.query(`SELECT number FROM referral_notices WHERE case_id = $1`, [c.id]))[0].number;

    const agreed = await documentsOf(settled);
    // The issued documents first, in the order they were issued; then the 文书 of the case file.
    expect(agreed.titles.slice(0, 2)).toEqual(['先行调解告知书', '调解协议书']);
    expect(agreed.titles).not.toContain('交纳诉讼费用通知书');
    expect(agreed.texts.get('先行调解告知书')).toContain(await noticeNumber(settled));
    expect(agreed.texts.get('调解协议书')).toContain('协议金额：人民币8000.00元');

    const fee = await documentsOf(pending);
    expect(fee.titles.slice(0, 2)).toEqual(['先行调解告知书', '交纳诉讼费用通知书']);
    expect(fee.titles).not.toContain('调解协议书');
    expect(fee.texts.get('交纳诉讼费用通知书')).toContain(
      (await t.dataSource.query(`SELECT filing_number FROM cases WHERE id = $1`, [pending.id]))[0].filing_number,
    );
  });

  describe('built with the transfer: the step names the package in its history, its answer links it', () => {
    /**
     * The package from the link the step answered with, once the job has built it (its drain ends when nothing
     * is left to build), unpacked and every file checked against the manifest.
     */
    const unpackedFrom = async (href: string, name: string, username = user(court2025(), 'clerk')) => {
      await t.app.get(FilePackageBuilder).drain();
      const res = await t
        .http()
        .get(href)
        .set(await auth(username))
        .buffer(true)
        .parse(binary);
      expect(res.status).toBe(200);
      // The package stored with the transfer, its digest in the headers.
      expect(res.headers['x-case-file-package']).toBe('STORED');
      expect(res.headers.etag).toBe(`"${sha256(res.body as Buffer)}"`);
      const zip = path.join(dir, `${name}.zip`);
      writeFileSync(zip, res.body as Buffer);
      expect(execFileSync('unzip', ['-tq', zip]).toString()).toMatch(/No errors detected/);
      const out = path.join(dir, name);
      execFileSync('unzip', ['-q', '-o', zip, '-d', out]);
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(
        walk(out)
          .filter((p) => p !== 'manifest.json')
          .sort(),
      ).toEqual(manifest.files.map((f: { path: string }) => f.path).sort());
      for (const f of manifest.files as { path: string; sha256: string; size: number }[]) {
        const content = readFileSync(path.join(out, f.path));
        expect({ path: f.path, sha256: sha256(content), size: content.length }).toEqual({
          path: f.path,
          sha256: f.sha256,
          size: f.size,
        });
      }
      return manifest;
    };
    let c2025: BuiltCourt | undefined;
    const court2025 = () => c2025!;
    const events = async (caseId: string) =>
      (await t.dataSource.query(
        `SELECT action, after FROM audit_events WHERE subject_type = 'CASE' AND subject_id = $1 ORDER BY occurred_at, id`,
        [caseId],
      )) as { action: string; after: Record<string, unknown> }[];

    beforeAll(async () => {
      c2025 = await b.aCourt({ legacyUntil: DEFAULT_LEGACY_UNTIL });
    });

    it.each([
      ['transfer to trial (先行调解)', 'POST_FILING', 'transfer-to-trial', {}, 'FEE_NOTICE_ISSUED', 'FEE_PENDING'],
      [
        'filing after voluntary mediation',
        'VOLUNTARY',
        'filing',
        { trialProcedure: 'SIMPLE' },
        'CASE_FILED',
        'TRANSFERRED',
      ],
    ] as const)('%s', async (_name, procedure, route, body, stepAction, status) => {
      const c = await b.aCase({ status: 'FAILED', court: court2025(), procedure });
      const complaint = Buffer.concat([files.pdf, randomBytes(64 * 1024)]);
      const added = await t
        .http()
        .post(`/api/v1/cases/${c.id}/attachments`)
        .set(await auth(user(court2025(), 'clerk')))
        .field('category', 'COMPLAINT')
        .attach('file', complaint, { filename: '起诉状.pdf', contentType: 'application/octet-stream' });
      expect(added.status).toBe(201);

      const res = await t
        .http()
        .post(`/api/v1/cases/${c.id}/${route}`)
        .set(await auth(user(court2025(), 'clerk')))
        .send(body);
      expect(res.status).toBe(201);
      const filingNumber = (await t.dataSource.query(`SELECT filing_number FROM cases WHERE id = $1`, [c.id]))[0]
        .filing_number as string;
      expect(res.body.filePackage).toEqual({
        fileName: `电子卷宗${filingNumber}.zip`,
        href: `/api/v1/cases/${c.id}/file-package`,
        page: `/cases/${c.id}/file-package`,
      });
      // In the step's own transaction, right after its event: the package named, each attachment with its digest.
      const history = await events(c.id);
      const at = history.findIndex((e) => e.action === stepAction);
      expect(history[at + 1]).toMatchObject({
        action: 'CASE_FILE_PACKAGE_READY',
        after: {
          status,
          fileName: `电子卷宗${filingNumber}.zip`,
          attachments: [{ path: 'attachments/001-起诉状.pdf', sha256: sha256(complaint), size: complaint.length }],
          bytes: complaint.length,
        },
      });

      const manifest = await unpackedFrom(res.body.filePackage.href, `${c.id}-transferred`);
      expect(manifest).toMatchObject({ case: { id: c.id, status }, numbers: { filing: filingNumber } });
      expect(manifest.steps.at(-1)).toMatchObject({ action: stepAction, to: status });
      // The package holds the attachments the history named, with the same digests.
      expect(
        manifest.files
          .filter((f: { kind: string }) => f.kind === 'ATTACHMENT')
          .map(({ path: p, sha256: h, size }: { path: string; sha256: string; size: number }) => ({
            path: p,
            sha256: h,
            size,
          })),
      ).toEqual(history[at + 1].after.attachments);
      expect(manifest.files.some((f: { kind: string }) => f.kind === 'DOCUMENT')).toBe(true);
    });

    it('transfer to filing (诉前调解): the same, and the case page links the package in the transfer section', async () => {
      const c = await b.aCase({ status: 'FAILED', court });
      const res = await t
        .http()
        .post(`/api/v1/cases/${c.id}/transfer-to-filing`)
        .set(await auth(user(court, 'clerk')))
        .send({ note: '调解不成，转立案' });
      expect(res.status).toBe(201);
      const filingNumber = res.body.transfer.filingNumber as string;
      expect(res.body.filePackage.fileName).toBe(`电子卷宗${filingNumber}.zip`);
      const history = await events(c.id);
      expect(history.at(-1)).toMatchObject({
        action: 'CASE_FILE_PACKAGE_READY',
        after: { status: 'TRANSFERRED', attachments: [], bytes: 0 },
      });
      expect(history.at(-2)!.action).toBe('CASE_TRANSFERRED');
      const manifest = await unpackedFrom(res.body.filePackage.href, `${c.id}-filing`, user(court, 'judge'));
      expect(manifest.numbers.filing).toBe(filingNumber);

      const session = await webLogin(t, user(court, 'clerk'));
      const page = (await t.http().get(`/cases/${c.id}`).set('Cookie', session.cookie)).text;
      const transfer = page.slice(page.indexOf('id="transfer"'));
      expect(transfer).toMatch(
        new RegExp(
          `id="transfer-file-package"><a [^>]*href="/cases/${c.id}/file-package" download>下载电子卷宗（ZIP）`,
        ),
      );
      expect(page).toContain(`随案生成电子卷宗`);
      expect(page).toContain(`电子卷宗${filingNumber}.zip（本案文书及 0 份材料）`);
    });

    it('is stored with the transfer and served byte for byte after the case changes', async () => {
      const c = await b.aCase({ status: 'FAILED', court: court2025(), procedure: 'POST_FILING' });
      const clerk = await auth(user(court2025(), 'clerk'));
      const complaint = Buffer.concat([files.pdf, randomBytes(32 * 1024)]);
      const added = await t
        .http()
        .post(`/api/v1/cases/${c.id}/attachments`)
        .set(clerk)
        .field('category', 'COMPLAINT')
        .attach('file', complaint, { filename: '起诉状.pdf', contentType: 'application/octet-stream' });
      expect(added.status).toBe(201);
      const res = await t.http().post(`/api/v1/cases/${c.id}/transfer-to-trial`).set(clerk).send({});
      expect(res.status).toBe(201);
      const history = await events(c.id);
      const ready = history.find((e) => e.action === 'CASE_FILE_PACKAGE_READY')!;

      const manifest = await unpackedFrom(res.body.filePackage.href, `${c.id}-stored`);
      expect(manifest.package).toEqual({ kind: 'TRANSFER', id: ready.after.packageId, event: 'FEE_NOTICE_ISSUED' });
      const download = async () => t.http().get(res.body.filePackage.href).set(clerk).buffer(true).parse(binary);
      const first = await download();
      const bytes = first.body as Buffer;
      const [row] = await t.dataSource.query(
        `SELECT id, status, event, sha256, size_bytes, files, snapshot FROM case_file_packages WHERE case_id = $1`,
        [c.id],
      );
      expect(row).toEqual({
        id: ready.after.packageId,
        status: 'STORED',
        event: 'FEE_NOTICE_ISSUED',
        sha256: sha256(bytes),
        size_bytes: String(bytes.length),
        files: manifest.files.length,
        snapshot: null,
      });
      expect(first.headers['content-length']).toBe(String(bytes.length));
      expect(first.headers.digest).toBe(`sha-256=${createHash('sha256').update(bytes).digest('base64')}`);

      // The case changes after the transfer: an agent added to the plaintiff, a file added.
      const version = Number((await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [c.id]))[0].version);
      const agent = await t.http().post(`/api/v1/cases/${c.id}/parties/${c.plaintiffId}/agents`).set(clerk).send({
        kind: 'LAWYER',
        name: '周律师',
        licenceNumber: '11101201810123456',
        firm: '北京某某律师事务所',
        scope: 'GENERAL',
        powers: [],
        version,
      });
      expect(agent.status).toBe(201);
      const later = await t
        .http()
        .post(`/api/v1/cases/${c.id}/attachments`)
        .set(clerk)
        .field('category', 'EVIDENCE')
        .attach('file', files.png, { filename: '补充证据.png', contentType: 'application/octet-stream' });
      expect(later.status).toBe(201);
      await t.app.get(FilePackageBuilder).drain();

      // The package handed over is unchanged, byte for byte; the documents printed now show the change.
      const again = await download();
      expect(again.status).toBe(200);
      expect(sha256(again.body as Buffer)).toBe(sha256(bytes));
      expect((again.body as Buffer).equals(bytes)).toBe(true);
      expect(again.headers.etag).toBe(`"${sha256(bytes)}"`);
      expect(manifest.files.filter((f: { kind: string }) => f.kind === 'ATTACHMENT')).toHaveLength(1);
      const out = path.join(dir, `${c.id}-stored`);
      const address = manifest.files.find((f: { title: string }) => f.title === '送达地址确认书');
      const packed = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(out, address.path), '-']).toString();
      expect(packed).not.toContain('周律师');
      const now = await t
        .http()
        .get(`/api/v1/cases/${c.id}/documents/service-address/pdf`)
        .set(clerk)
        .buffer(true)
        .parse(binary);
      writeFileSync(path.join(dir, `${c.id}-address.pdf`), now.body as Buffer);
      const printed = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, `${c.id}-address.pdf`), '-']);
      expect(printed.toString()).toContain('周律师');
      // Each download is in the history with the digest of what went out.
      const downloads = (await events(c.id)).filter((e) => e.action === 'CASE_FILE_PACKAGE_DOWNLOADED');
      expect(downloads.at(-1)!.after).toMatchObject({ packageId: row.id, sha256: sha256(bytes), bytes: bytes.length });
    });

    it('is not stored while a file does not match its digest: 409 until built, tried again later', async () => {
      const c = await b.aCase({ status: 'FAILED', court: court2025(), procedure: 'VOLUNTARY' });
      const clerk = await auth(user(court2025(), 'clerk'));
      const added = await t
        .http()
        .post(`/api/v1/cases/${c.id}/attachments`)
        .set(clerk)
        .field('category', 'COMPLAINT')
        .attach('file', files.pdf, { filename: '起诉状.pdf', contentType: 'application/octet-stream' });
      expect(added.status).toBe(201);
      // The record of the file says other bytes than the store holds (a damaged store, say).
      await t.dataSource.query(`UPDATE case_attachments SET sha256 = $2 WHERE id = $1`, [
        added.body.id,
        '0'.repeat(64),
      ]);
      const res = await t.http().post(`/api/v1/cases/${c.id}/filing`).set(clerk).send({ trialProcedure: 'SIMPLE' });
      expect(res.status).toBe(201);
      await t.app.get(FilePackageBuilder).drain();
      const state = async () =>
        (
          await t.dataSource.query(
            `SELECT status, attempts, content_key, last_error FROM case_file_packages WHERE case_id = $1`,
            [c.id],
          )
        )[0];
      expect(await state()).toMatchObject({ status: 'PENDING', attempts: 1, content_key: null });
      expect((await state()).last_error).toContain('SHA-256');
      const before = await events(c.id);
      const refused = await t.http().get(res.body.filePackage.href).set(clerk);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'FILE_PACKAGE_NOT_READY',
        message: '电子卷宗正在随案生成，请稍后再下载',
      });
      expect(refused.headers['retry-after']).toBeDefined();
      expect(await events(c.id)).toEqual(before);
      // Not tried again before its time; then once more (and still not stored).
      await t.app.get(FilePackageBuilder).drain();
      expect((await state()).attempts).toBe(1);
      clock.set(new Date(clock.now().getTime() + 2 * 60_000));
      await t.app.get(FilePackageBuilder).drain();
      expect(await state()).toMatchObject({ status: 'PENDING', attempts: 2 });
    });

    it('a refused transfer records nothing, no package named', async () => {
      const c = await b.aCase({ status: 'IN_MEDIATION', court: court2025(), procedure: 'POST_FILING' });
      const before = await events(c.id);
      const res = await t
        .http()
        .post(`/api/v1/cases/${c.id}/transfer-to-trial`)
        .set(await auth(user(court2025(), 'clerk')))
        .send({});
      expect(res.status).toBe(409);
      expect(await events(c.id)).toEqual(before);
    });
  });
});
