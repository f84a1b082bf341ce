// A bulk step over a bank's batch (issue 30): a 500-case batch uploaded, then POST /cases/batches/:id/notices
// issuing every notice in one run (each case its own transaction through the single request's service), timed,
// beside the single step: one POST /cases/:id/notices on a case of the same batch, issued first. The target is
// a minute for 500 cases on the bench machine.
import { workbookOf } from './batch-import.js';
import { ms, ratio, type Metric } from './report.js';

export const BULK_CASES = 500;
const API = '/api/v1';

export interface BulkStepFigures {
  singleMs: number;
  bulkMs: number;
  done: number;
  refused: number;
  failures: number;
}

async function call(baseUrl: string, token: string, method: string, path: string, body?: FormData) {
  const res = await fetch(`${baseUrl}${API}${path}`, { method, headers: { authorization: `Bearer ${token}` }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function measureBulkNotices(baseUrl: string, clerk: string): Promise<BulkStepFigures> {
  const form = new FormData();
  const file = await workbookOf(BULK_CASES, 'BULK', 9_500_000);
  form.append('file', new Blob([new Uint8Array(file)]), 'bulk.xlsx');
  const uploaded = await call(baseUrl, clerk, 'POST', '/cases/batches', form);
  const batchId = uploaded.body.batchId as string;
  const first = await call(baseUrl, clerk, 'GET', `/cases?batchId=${batchId}&limit=1`);
  const caseId = (first.body.items as { id: string }[])[0]!.id;

  let started = performance.now();
  const single = await call(baseUrl, clerk, 'POST', `/cases/${caseId}/notices`);
  const singleMs = performance.now() - started;

  started = performance.now();
  const bulk = await call(baseUrl, clerk, 'POST', `/cases/batches/${batchId}/notices`);
  const bulkMs = performance.now() - started;
  const done = Number(bulk.body.done ?? 0);
  const failures = (uploaded.status === 201 ? 0 : 1) + (single.status === 201 ? 0 : 1) + (bulk.status === 200 ? 0 : 1);
  return { singleMs, bulkMs, done, refused: Number(bulk.body.refused ?? 0), failures };
}

export function bulkStepMetrics(f: BulkStepFigures | undefined): Metric[] {
  const metric = `bulk notices, ${BULK_CASES}-case batch`;
  if (!f) return [{ metric, target: '<= 60 s', value: 'pending', baseline: '-', ratio: null, pass: null }];
  const perCase = f.bulkMs / Math.max(1, f.done);
  return [
    {
      metric,
      value: `${ms(f.bulkMs)} (${ms(perCase)} a case)`,
      baseline: `${ms(f.singleMs)} (one POST /cases/:id/notices)`,
      ratio: ratio(perCase, f.singleMs),
      target: '<= 60 s',
      pass: f.bulkMs <= 60_000 && f.failures === 0 && f.refused === 0,
      how:
        `a ${BULK_CASES}-row XLSX uploaded, one case's notice issued alone (the baseline), then ` +
        `POST ${API}/cases/batches/:id/notices for the other ${BULK_CASES - 1}: done ${f.done}, refused ${f.refused}`,
    },
  ];
}
