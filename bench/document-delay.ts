// What a large document costs everyone else (issue 28): the worklist of one user (GET /cases?status=, paced at
// WORKLIST_RATE requests a second) alone, and while DOCUMENT_DOWNLOADS clients download the notice PDF of the
// largest case registration accepts (50 parties, a 5,000-character claim) over and over, in alternating rounds.
// The figure is the worklist's p99 during the downloads against its p99 alone in the same run; the target is no
// more than 100 ms added. The PDFs are drawn in the document workers (src/common/document-renderer.ts), so what
// is left on the event loop is receiving and sending their bytes. Also: the app's RSS peak during the downloads.
import { MAX_CLAIMS_CHARS, MAX_PARTIES } from '../src/intake/case-size-limits.js';
import { newResidentId } from './bodies.js';
import { combineRounds, runPaced, type LoadResult, type RssSampler } from './load.js';
import { megabytes, ms, ratio, type Metric } from './report.js';

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export const DOCUMENT_DOWNLOADS = 8;
const WORKLIST_RATE = 10;
const ROUNDS = 2;
const API = '/api/v1';
const STATUSES = ['REGISTERED', 'NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION'];

export interface DocumentDelayFigures {
  alone: LoadResult;
  during: LoadResult;
  /** One download with nothing else running (the worker warm). */
  singleMs: number;
  pdfBytes: number;
  downloads: number;
  busy: number;
  downloadFailures: number;
  beforeKb: number;
  peakKb: number;
}

/** The largest case: MAX_PARTIES parties (one applicant), a claim of MAX_CLAIMS_CHARS characters. */
function largestCaseBody(n: number) {
  const sentence = '请求判令各被申请人连带归还借款本金及利息，并承担本案全部诉讼费用。';
  const claims = sentence.repeat(Math.ceil(MAX_CLAIMS_CHARS / sentence.length)).slice(0, MAX_CLAIMS_CHARS);
  const defendants = Array.from({ length: MAX_PARTIES - 1 }, (_, i) => ({
    role: 'DEFENDANT',
    kind: 'PERSON',
    name: `被申请人${i + 1}`,
    idNumber: newResidentId(n + i + 1),
    address: `北京市朝阳区望京街${i + 1}号`,
    serviceAddress: `北京市朝阳区望京街${i + 1}号`,
  }));
  return {
    procedure: 'VOLUNTARY',
    caseType: '民间借贷纠纷',
    claimAmount: '500000.00',
    claims,
    parties: [
      { role: 'PLAINTIFF', kind: 'PERSON', name: '张三', idNumber: newResidentId(n), address: '北京市朝阳区建国路1号' },
      ...defendants,
    ],
  };
}

async function post(baseUrl: string, token: string, path: string, body: unknown) {
  const res = await fetch(`${baseUrl}${API}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

export async function measureDocumentDelay(
  baseUrl: string,
  clerk: string,
  rss: RssSampler,
  seconds: number,
): Promise<DocumentDelayFigures> {
  const registered = await post(baseUrl, clerk, '/cases', largestCaseBody(13_000_000));
  const notice = await post(baseUrl, clerk, `/cases/${registered.id as string}/notices`, {});
  const pdfUrl = `${baseUrl}${notice.pdfUrl as string}`;
  const headers = { authorization: `Bearer ${clerk}` };
  const download = async () => {
    const res = await fetch(pdfUrl, { headers });
    const bytes = (await res.arrayBuffer()).byteLength;
    return { status: res.status, bytes };
  };
  // RSS before any document: the worker (its heap, the fonts it parses) is part of what is measured.
  const beforeKb = rss.restart();
  await download(); // the worker starts and parses its fonts
  const started = performance.now();
  const single = await download();
  const singleMs = performance.now() - started;

  let i = 0;
  const worklist = () => `${API}/cases?status=${STATUSES[i++ % STATUSES.length]}`;
  const paced = () => runPaced({ baseUrl, rate: WORKLIST_RATE, seconds, path: worklist, token: clerk });
  const alone: LoadResult[] = [];
  const during: LoadResult[] = [];
  let downloads = 0;
  let busy = 0;
  let downloadFailures = 0;
  for (let round = 0; round < ROUNDS; round++) {
    alone.push(await paced());
    let stop = false;
    const clients = Array.from({ length: DOCUMENT_DOWNLOADS }, async () => {
      while (!stop) {
        const res = await download();
        if (res.status === 200) downloads++;
        else if (res.status === 503) busy++;
        else downloadFailures++;
      }
    });
    // The downloads start first, so that the workers are busy through the whole paced run.
    await new Promise((resolve) => setTimeout(resolve, 500));
    during.push(await paced());
    stop = true;
    await Promise.all(clients);
  }
  return {
    alone: combineRounds(alone),
    during: combineRounds(during),
    singleMs,
    pdfBytes: single.bytes,
    downloads,
    busy,
    downloadFailures,
    beforeKb,
    peakKb: rss.peak(),
  };
}

export function documentDelayMetrics(f: DocumentDelayFigures | undefined): Metric[] {
  const metric = `worklist p99 during ${DOCUMENT_DOWNLOADS} parallel ${MAX_PARTIES}-party notice PDFs`;
  if (!f) return [{ metric, target: '<= +100 ms', value: 'pending', baseline: '-', ratio: null, pass: null }];
  const added = f.during.p99 - f.alone.p99;
  return [
    {
      metric,
      value: `${ms(f.during.p99)} (+${ms(Math.max(0, added))})`,
      baseline: `${ms(f.alone.p99)} (worklist alone)`,
      ratio: ratio(f.during.p99, f.alone.p99),
      target: '<= +100 ms',
      pass: added <= 100 && f.during.failures === 0 && f.downloadFailures === 0,
      how:
        `GET ${API}/cases?status= (5 statuses in turn) paced at ${WORKLIST_RATE}/s by one clerk, alone and while ` +
        `${DOCUMENT_DOWNLOADS} clients download the notice PDF of a ${MAX_PARTIES}-party case with a ` +
        `${MAX_CLAIMS_CHARS}-character claim over and over, ${ROUNDS} alternating rounds each; p50 ${ms(f.alone.p50)} ` +
        `alone, ${ms(f.during.p50)} during; ${f.downloads} PDFs served (${mb(f.pdfBytes)} each, ` +
        `${ms(f.singleMs)} for one alone), ${f.busy} answered 503 (pool full), ${f.downloadFailures} failed`,
    },
    {
      metric: `app RSS during the ${DOCUMENT_DOWNLOADS} parallel PDFs`,
      value: megabytes(f.peakKb),
      baseline: `${megabytes(f.beforeKb)} (before the first PDF)`,
      ratio: ratio(f.peakKb, f.beforeKb),
      target: '<= 300 MB',
      pass: f.peakKb <= 300 * 1024,
      how: 'VmRSS of the app process (main thread and document workers) sampled every 200 ms through the rounds above',
    },
  ];
}
