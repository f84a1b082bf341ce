// A bulk step over a bank's batch (issue 30): a 500-case batch uploaded, then POST /cases/batches/:id/notices
// issuing every notice in one run (each case its own transaction through the single request's service), timed,
// beside the single step: POST /cases/:id/notices issued alone, on SINGLES cases of the batch before the run and on
// SINGLES cases of a small second batch after it (the median: the machine's load at both ends of the run). The run
// skips the cases issued alone (already NOTICE_ISSUED) and issues the others. The target is a minute for 500 cases.
import { workbookOf } from './batch-import.js';
import { ms, ratio, type Metric } from './report.js';

export const BULK_CASES = 500;
/** Single notices timed before the run, and as many after it. */
const SINGLES = 3;
const API = '/api/v1';

export interface BulkStepFigures {
  /** The median of the single notices' times. */
  singleMs: number;
  bulkMs: number;
  done: number;
  refused: number;
  skipped: number;
  /** Requests that did not answer as they should (upload 201, single notice 201, bulk 200), with their statuses. */
  failures: string[];
}

/** A request as a client sends it: a form as multipart, an object as JSON. */
async function call(baseUrl: string, token: string, method: string, path: string, body?: FormData | object) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let payload: FormData | string | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${baseUrl}${API}${path}`, { method, headers, body: payload });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function measureBulkNotices(baseUrl: string, clerk: string): Promise<BulkStepFigures> {
  const failures: string[] = [];
  const expect = (what: string, status: number, wanted: number) => {
    if (status !== wanted) failures.push(`${what} ${status}`);
  };
  const upload = async (rows: number, prefix: string, offset: number) => {
    const form = new FormData();
    const file = await workbookOf(rows, prefix, offset);
    form.append('file', new Blob([new Uint8Array(file)]), `${prefix}.xlsx`);
    const uploaded = await call(baseUrl, clerk, 'POST', '/cases/batches', form);
    expect('upload', uploaded.status, 201);
    const batchId = uploaded.body.batchId as string;
    const listed = await call(baseUrl, clerk, 'GET', `/cases?batchId=${batchId}&limit=${SINGLES}`);
    return { batchId, caseIds: ((listed.body.items ?? []) as { id: string }[]).map((c) => c.id) };
  };
  const { batchId, caseIds } = await upload(BULK_CASES, 'BULK', 9_500_000);
  // The singles after the run: cases of a small batch of their own, still without a notice.
  const after = await upload(SINGLES, 'BULKAFTER', 9_600_000);

  const singles: number[] = [];
  const single = async (caseId: string) => {
    const started = performance.now();
    const res = await call(baseUrl, clerk, 'POST', `/cases/${caseId}/notices`, {});
    singles.push(performance.now() - started);
    expect(`single notice (${String(res.body.code ?? '')})`, res.status, 201);
  };
  for (const caseId of caseIds) await single(caseId);

  const started = performance.now();
  const bulk = await call(baseUrl, clerk, 'POST', `/cases/batches/${batchId}/notices`, {});
  const bulkMs = performance.now() - started;
  expect('bulk notices', bulk.status, 200);

  for (const caseId of after.caseIds) await single(caseId);
  singles.sort((a, b) => a - b);
  return {
    singleMs: singles[Math.floor(singles.length / 2)] ?? NaN,
    bulkMs,
    done: Number(bulk.body.done ?? 0),
    refused: Number(bulk.body.refused ?? 0),
    skipped: Number(bulk.body.skipped ?? 0),
    failures,
  };
}

export function bulkStepMetrics(f: BulkStepFigures | undefined): Metric[] {
  const metric = `bulk notices, ${BULK_CASES}-case batch`;
  if (!f) return [{ metric, target: '<= 60 s', value: 'pending', baseline: '-', ratio: null, pass: null }];
  const perCase = f.bulkMs / Math.max(1, f.done);
  return [
    {
      metric,
      value: `${ms(f.bulkMs)} (${ms(perCase)} a case)`,
      baseline: `${ms(f.singleMs)} (one POST /cases/:id/notices, median)`,
      ratio: ratio(perCase, f.singleMs),
      target: '<= 60 s',
      pass: f.bulkMs <= 60_000 && f.failures.length === 0 && f.refused === 0 && f.done === BULK_CASES - SINGLES,
      how:
        `a ${BULK_CASES}-row XLSX uploaded, ${SINGLES} cases' notices issued alone, then ` +
        `POST ${API}/cases/batches/:id/notices: done ${f.done}, skipped ${f.skipped} (issued alone), refused ` +
        `${f.refused}; then ${SINGLES} cases of another batch issued alone; baseline: the median of the ` +
        `${2 * SINGLES} single requests` +
        (f.failures.length > 0 ? `; FAILED REQUESTS: ${f.failures.join(', ')}` : ''),
    },
  ];
}
