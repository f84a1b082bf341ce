import { createHash } from 'node:crypto';
import { ManualClock } from '../../src/common/clock.js';
import { ATTACHMENT_MAX_BYTES } from '../../src/consultation/attachment-type.js';
import type { SeededCourt } from '../../src/demo/demo-seed.js';
import { aCaseIn, aReplyBody, aSecondTrialJudge, chinaTime, files, sendLetter } from '../support/consultation.js';
import { bearer } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('consultation letter attachments (e2e)', () => {
  const clock = new ManualClock(chinaTime('2026-11-02'));
  let t: TestApp;
  let home: SeededCourt;
  let letterId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    home = await t.seedCourt('京0105', '');
    await aSecondTrialJudge(t, home, 'judge2');
    letterId = (await sendLetter(t, 'judge', await aCaseIn(t, home))).id;
  });
  afterAll(() => t.close());

  const stored = async () =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM consultation_attachments'))[0].n);
  const upload = async (
    content: Buffer,
    filename: string,
    options: { user?: string; id?: string; contentType?: string } = {},
  ) =>
    t
      .http()
      .post(`/api/v1/consultations/${options.id ?? letterId}/attachments`)
      .set(await bearer(t, options.user ?? 'judge'))
      .attach('file', content, { filename, contentType: options.contentType ?? 'application/pdf' });

  it('stores a PDF with its digest and serves it back as a download of the detected type', async () => {
    const res = await upload(files.pdf, '财产线索.pdf');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      originalName: '财产线索.pdf',
      contentType: 'application/pdf',
      sizeBytes: files.pdf.length,
      sha256: createHash('sha256').update(files.pdf).digest('hex'),
    });
    const download = await t
      .http()
      .get(`/api/v1/consultations/${letterId}/attachments/${res.body.id}`)
      .set(await bearer(t, 'enforcer'))
      .responseType('blob');
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    expect(download.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('财产线索.pdf')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, files.pdf)).toBe(0);
    const letter = await t
      .http()
      .get(`/api/v1/consultations/${letterId}`)
      .set(await bearer(t, 'judge'));
    expect(letter.body.attachments.map((a: { id: string }) => a.id)).toEqual([res.body.id]);
  });

  it('takes a PNG named .pdf as a PNG: the type comes from the content', async () => {
    const res = await upload(files.png, 'scan.pdf', { contentType: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe('image/png');
    const download = await t
      .http()
      .get(`/api/v1/consultations/${letterId}/attachments/${res.body.id}`)
      .set(await bearer(t, 'judge'));
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toContain('scan.pdf.png');
  });

  it.each([
    ['HTML named evil.pdf', files.html, 'evil.pdf'],
    ['an executable named evil.pdf', files.exe, 'evil.pdf'],
    ['an executable named photo.jpg', files.exe, 'photo.jpg'],
    ['an empty file', Buffer.alloc(0), 'empty.pdf'],
  ])('refuses %s with 415 and stores nothing', async (_label, content, filename) => {
    const before = await stored();
    const res = await upload(content, filename);
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(await stored()).toBe(before);
  });

  it('refuses a file over 5 MB with 413 and stores nothing', async () => {
    const before = await stored();
    const big = Buffer.concat([files.pdf, Buffer.alloc(ATTACHMENT_MAX_BYTES, 0x20)]);
    const res = await upload(big, 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await stored()).toBe(before);
  });

  it('refuses a file just over the limit that only the stream limit catches (small declared overhead)', async () => {
    const before = await stored();
    const justOver = Buffer.concat([files.pdf, Buffer.alloc(ATTACHMENT_MAX_BYTES - files.pdf.length + 1, 0x20)]);
    const res = await upload(justOver, 'just-over.pdf');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(await stored()).toBe(before);
  });

  it('refuses a request without a file (400) or not multipart (415)', async () => {
    const noFile = await t
      .http()
      .post(`/api/v1/consultations/${letterId}/attachments`)
      .set(await bearer(t, 'judge'))
      .field('note', 'x');
    expect(noFile.status).toBe(400);
    expect(noFile.body.code).toBe('VALIDATION_FAILED');
    const json = await t
      .http()
      .post(`/api/v1/consultations/${letterId}/attachments`)
      .set(await bearer(t, 'judge'))
      .send({ file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.code).toBe('MULTIPART_REQUIRED');
  });

  it('lets only the sender attach: a coordinator who can read it 403, another division 404, the bureau 403 by role', async () => {
    const before = await stored();
    expect((await upload(files.pdf, 'a.pdf', { user: 'coordinator' })).status).toBe(403);
    expect((await upload(files.pdf, 'a.pdf', { user: 'judge2' })).status).toBe(404);
    expect((await upload(files.pdf, 'a.pdf', { user: 'enforcer' })).status).toBe(403);
    expect(await stored()).toBe(before);
  });

  it('hides attachments from a judge of another division (404)', async () => {
    const [row] = await t.dataSource.query('SELECT id FROM consultation_attachments LIMIT 1');
    const res = await t
      .http()
      .get(`/api/v1/consultations/${letterId}/attachments/${row.id}`)
      .set(await bearer(t, 'judge2'));
    expect(res.status).toBe(404);
  });

  it('refuses attachments once the letter is answered (409)', async () => {
    const answered = await sendLetter(t, 'judge', await aCaseIn(t, home, { n: 2 }));
    await t
      .http()
      .post(`/api/v1/consultations/${answered.id}/reply`)
      .set(await bearer(t, 'enforcer'))
      .send(aReplyBody());
    const res = await upload(files.jpeg, 'late.jpg', { id: answered.id, contentType: 'image/jpeg' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ALREADY_REPLIED');
  });
});
