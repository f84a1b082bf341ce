// The document renderer's stream (a batch's notices): a reader that stops early (a client hanging up on a long
// file) frees the worker, so the next document is drawn; and a pool that is full refuses at once.
import { DocumentRenderer, DocumentRendererBusyError } from '../../src/common/document-renderer.js';
import type { NoticeContent } from '../../src/referral/notice-text.js';
import { caseBuilders } from '../support/case-builders.js';
import { startServiceContext, type ServiceContext } from '../support/service-context.js';

let s: ServiceContext;
let content: NoticeContent;

beforeAll(async () => {
  // One worker and no queue: a second document at once is refused, and a stuck worker would refuse every next one.
  s = await startServiceContext({ documents: { workers: 1, queue: 0, workerHeapMb: 64 } });
  const build = caseBuilders(s);
  const c = await build.aCase({ status: 'NOTICE_ISSUED' });
  const [row] = await s.dataSource.query(`SELECT content FROM referral_notices WHERE case_id = $1`, [c.id]);
  content = row.content as NoticeContent;
});
afterAll(() => s?.close());

const ratingCodes = (): [string, string][] => content.parties.map((p) => [p.partyId, 'ABCDEFGH23']);

/** A batch file far larger than the window the worker may send ahead of its reader (1 MB). */
const largeBatch = () => ({
  name: 'B1',
  entries: [],
  at: { first: 0, part: 1, parts: 1 },
  notices: Array.from({ length: 300 }, () => ({ content, ratingCodes: ratingCodes() })),
});

it('a reader that stops after the first chunk frees the worker for the next document', async () => {
  const renderer = s.get(DocumentRenderer);
  const stream = await renderer.stream('batch-notices', largeBatch());
  const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
  expect(first.subarray(0, 5).toString()).toBe('%PDF-');
  stream.destroy();
  // The worker stops drawing; until then the pool (no queue) refuses, after that the next document is drawn.
  let pdf: Buffer | undefined;
  for (let attempt = 0; attempt < 600 && !pdf; attempt++) {
    try {
      pdf = await renderer.render('notice', { content, ratingCodes: ratingCodes() });
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentRendererBusyError);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
});

it('refuses a document at once while the worker is busy and nothing may wait', async () => {
  const renderer = s.get(DocumentRenderer);
  const model = { content, ratingCodes: ratingCodes() };
  const results = await Promise.allSettled([renderer.render('notice', model), renderer.render('notice', model)]);
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(refused.reason).toBeInstanceOf(DocumentRendererBusyError);
  expect(refused.reason).toMatchObject({ status: 503, code: 'DOCUMENTS_BUSY', message: '文书生成繁忙，请稍后再试' });
});
