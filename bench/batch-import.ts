// The 5,000-row batch import (批量立案): a bank's XLSX posted to POST /cases/batches, timed, with the app's RSS
// peak during the upload against its RSS just before. The baseline is reading the same workbook with exceljs'
// streaming reader in this process (the floor any XLSX import pays), measured in the same run.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { BATCH_COLUMNS, type BatchField } from '../src/intake/batch-template.js';
import { newCreditCode, newResidentId } from './bodies.js';
import type { RssSampler } from './load.js';
import { megabytes, ms, quantile, ratio, type Metric } from './report.js';

export const BATCH_ROWS = 5000;
const UPLOADS = 3;
const API = '/api/v1';

export interface BatchImportFigures {
  medianMs: number;
  readMs: number;
  bytes: number;
  beforeKb: number;
  peakKb: number;
  imported: number[];
  failures: number;
}

/** A workbook of `rows` valid rows; references `${prefix}-n`, borrowers new to the data. */
export async function workbookOf(rows: number, prefix: string, offset: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件');
  sheet.addRow(BATCH_COLUMNS.map((c) => c.header));
  const bank = newCreditCode(880_001);
  for (let n = 1; n <= rows; n += 1) {
    const yuan = `${50_000 + n}.50`;
    const row: Partial<Record<BatchField, string>> = {
      externalRef: `${prefix}-${String(n).padStart(6, '0')}`,
      caseType: '金融借款合同纠纷',
      claimAmount: yuan,
      claims: `请求判令被申请人归还借款本金${yuan}元及利息`,
      plaintiffName: '某某银行股份有限公司北京分行',
      plaintiffCreditCode: bank,
      plaintiffLegalRepresentative: '王行长',
      plaintiffPhone: '13800138000',
      plaintiffAddress: '北京市西城区金融大街1号',
      defendantName: `借款人${n}`,
      defendantIdNumber: newResidentId(offset + n),
      defendantPhone: '13900139000',
      defendantAddress: `北京市朝阳区望京街${n}号`,
      defendantServiceAddress: `北京市朝阳区望京街${n}号`,
    };
    sheet.addRow(BATCH_COLUMNS.map((c) => row[c.field] ?? ''));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readWorkbook(file: Buffer): Promise<number> {
  const started = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of reader) for await (const row of worksheet) void row;
  return performance.now() - started;
}

async function post(baseUrl: string, token: string, file: Buffer): Promise<{ status: number; imported: number }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), 'bench.xlsx');
  const res = await fetch(`${baseUrl}${API}/cases/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = (await res.json()) as { imported?: number };
  return { status: res.status, imported: body.imported ?? 0 };
}

/** Three uploads of 5,000 new rows each, one after another; the median time and the RSS peak over all three. */
export async function measureBatchImport(baseUrl: string, token: string, rss: RssSampler): Promise<BatchImportFigures> {
  const files = await Promise.all(
    Array.from({ length: UPLOADS }, (_, i) => workbookOf(BATCH_ROWS, `BENCH${i}`, 9_000_000 + i * BATCH_ROWS)),
  );
  const reads: number[] = [];
  for (const file of files) reads.push(await readWorkbook(file));
  const beforeKb = rss.restart();
  const times: number[] = [];
  const imported: number[] = [];
  let failures = 0;
  for (const file of files) {
    const started = performance.now();
    const res = await post(baseUrl, token, file);
    times.push(performance.now() - started);
    imported.push(res.imported);
    if (res.status !== 201 || res.imported !== BATCH_ROWS) failures += 1;
  }
  return {
    medianMs: quantile(times, 0.5),
    readMs: quantile(reads, 0.5),
    bytes: files[0].length,
    beforeKb,
    peakKb: rss.peak(),
    imported,
    failures,
  };
}

export function batchImportMetrics(f: BatchImportFigures | undefined): Metric[] {
  if (!f) {
    const pending = { value: 'pending', baseline: '-', ratio: null, pass: null };
    return [
      { metric: `batch import, ${BATCH_ROWS} rows of XLSX`, target: '<= 3 s', ...pending },
      { metric: `batch import, ${BATCH_ROWS} rows, RSS growth`, target: '<= +50 MB', ...pending },
    ];
  }
  const growthKb = Math.max(0, f.peakKb - f.beforeKb);
  const how =
    `${UPLOADS} uploads of ${BATCH_ROWS} new rows each (${(f.bytes / 1024).toFixed(0)} KB XLSX) to ${API}/cases/batches ` +
    `one after another, median; imported ${f.imported.join(', ')}, ${f.failures} failed; baseline: the same workbook ` +
    `read by exceljs' streaming reader in the bench process, median`;
  return [
    {
      metric: `batch import, ${BATCH_ROWS} rows of XLSX`,
      value: ms(f.medianMs),
      baseline: `${ms(f.readMs)} (exceljs read)`,
      ratio: ratio(f.medianMs, f.readMs),
      target: '<= 3 s',
      pass: f.medianMs <= 3000 && f.failures === 0,
      how,
    },
    {
      metric: `batch import, ${BATCH_ROWS} rows, RSS growth`,
      value: `+${megabytes(growthKb)}`,
      baseline: `${megabytes(f.beforeKb)} (RSS before)`,
      ratio: ratio(f.peakKb, f.beforeKb),
      target: '<= +50 MB',
      pass: growthKb <= 50 * 1024 && f.failures === 0,
      how: `VmRSS of the app sampled every 200 ms through the ${UPLOADS} uploads, peak against just before`,
    },
  ];
}
