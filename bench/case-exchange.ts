// Exchange with the court's case system (issue 29): 5,000 registrations imported from an XLSX export
// (POST /cases/imports), then the same file again (every row unchanged); and the electronic file of one of those
// cases with 50 attachments of 2 MB (GET /cases/:id/file-package), read to the end three times. Each with the
// app's RSS peak against its RSS just before, and a baseline of the same run: the import against reading the same
// workbook with exceljs' streaming reader in this process (the floor of any XLSX import), the package against
// downloading its 50 attachments one by one (the floor of reading them from the store).
// Runs at the second bench court, switched to EXTERNAL numbers for it (the HTTP phases use the first court).
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { IMPORT_COLUMNS, type ImportField } from '../src/exchange/import-columns.js';
import { newCreditCode, newResidentId } from './bodies.js';
import type { BenchCourt } from './courts.js';
import type { RssSampler } from './load.js';
import { megabytes, ms, quantile, ratio, type Metric } from './report.js';

export const IMPORT_ROWS = 5000;
export const PACKAGE_FILES = 50;
const FILE_BYTES = 2 * 1024 * 1024;
const PACKAGE_READS = 3;
const API = '/api/v1';

export interface ExchangeFigures {
  importMs: number;
  repeatMs: number;
  readMs: number;
  importBytes: number;
  imported: number;
  unchanged: number;
  importBeforeKb: number;
  importPeakKb: number;
  uploadMs: number;
  packageMs: number;
  packageBytes: number;
  singlesMs: number;
  packageBeforeKb: number;
  packagePeakKb: number;
  failures: string[];
}

async function exportWorkbook(court: BenchCourt, year: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('案件');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  const bank = newCreditCode(880_002);
  for (let n = 1; n <= IMPORT_ROWS; n += 1) {
    const yuan = `${50_000 + n}.50`;
    const row: Partial<Record<ImportField, string>> = {
      // Far above the generated data's 民初 numbers of the year.
      filingNumber: `(${year})${court.code}民初${900_000 + n}号`,
      courtCode: court.code,
      trialProcedure: n % 5 === 0 ? '普通程序' : '简易程序',
      caseType: '金融借款合同纠纷',
      claimAmount: yuan,
      claims: `请求判令被告归还借款本金${yuan}元及利息`,
      plaintiffKind: '法人或其他组织',
      plaintiffName: '某某银行股份有限公司北京分行',
      plaintiffCreditCode: bank,
      plaintiffLegalRepresentative: '王行长',
      plaintiffPhone: '13800138000',
      plaintiffAddress: '北京市西城区金融大街1号',
      defendantKind: '自然人',
      defendantName: `借款人${n}`,
      defendantIdNumber: newResidentId(9_500_000 + n),
      defendantPhone: '13900139000',
      defendantAddress: `北京市朝阳区望京街${n}号`,
      defendantServiceAddress: `北京市朝阳区望京街${n}号`,
    };
    sheet.addRow(IMPORT_COLUMNS.map((c) => row[c.field] ?? ''));
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

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** Reads a response to its end, counting bytes (nothing kept). */
async function drain(response: Response): Promise<number> {
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

export async function measureExchange(
  baseUrl: string,
  court: BenchCourt,
  tokens: { admin: string; clerk: string },
  rss: RssSampler,
): Promise<ExchangeFigures> {
  const failures: string[] = [];
  const court2 = await fetch(`${baseUrl}${API}/court`, {
    method: 'PATCH',
    headers: { ...bearer(tokens.admin), 'content-type': 'application/json' },
    body: JSON.stringify({ filingNumbers: 'EXTERNAL' }),
  });
  if (!court2.ok) failures.push(`PATCH /court ${court2.status}`);
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
  const file = await exportWorkbook(court, year);
  const readMs = quantile([await readWorkbook(file), await readWorkbook(file), await readWorkbook(file)], 0.5);

  const post = async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), 'export.xlsx');
    const res = await fetch(`${baseUrl}${API}/cases/imports`, {
      method: 'POST',
      headers: bearer(tokens.clerk),
      body: form,
    });
    const body = (await res.json()) as { imported?: number; unchanged?: number; rows?: { caseId: string | null }[] };
    if (res.status !== 201) failures.push(`POST /cases/imports ${res.status}`);
    return body;
  };
  const importBeforeKb = rss.restart();
  const [first, importMs] = await timed(post);
  const [again, repeatMs] = await timed(post);
  const importPeakKb = rss.peak();
  const caseId = first.rows?.find((r) => r.caseId)?.caseId;
  if (!caseId) throw new Error(`the import registered nothing: ${failures.join('; ')}`);

  // 50 attachments of 2 MB on one imported case.
  const ids: string[] = [];
  const [, uploadMs] = await timed(async () => {
    for (let i = 0; i < PACKAGE_FILES; i += 1) {
      const content = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(FILE_BYTES - 9)]);
      const form = new FormData();
      form.append('category', 'EVIDENCE');
      form.append('file', new Blob([new Uint8Array(content)]), `证据${i + 1}.pdf`);
      const res = await fetch(`${baseUrl}${API}/cases/${caseId}/attachments`, {
        method: 'POST',
        headers: bearer(tokens.clerk),
        body: form,
      });
      if (res.status !== 201) failures.push(`attachment ${i + 1}: ${res.status} ${await res.text()}`);
      else ids.push(((await res.json()) as { id: string }).id);
    }
  });
  const [, singlesMs] = await timed(async () => {
    for (const id of ids) {
      await drain(await fetch(`${baseUrl}${API}/cases/${caseId}/attachments/${id}`, { headers: bearer(tokens.clerk) }));
    }
  });
  const packageBeforeKb = rss.restart();
  const times: number[] = [];
  let packageBytes = 0;
  for (let i = 0; i < PACKAGE_READS; i += 1) {
    const [bytes, took] = await timed(async () => {
      const res = await fetch(`${baseUrl}${API}/cases/${caseId}/file-package`, { headers: bearer(tokens.clerk) });
      if (res.status !== 200) failures.push(`file-package ${res.status}`);
      return drain(res);
    });
    times.push(took);
    packageBytes = bytes;
  }
  return {
    importMs,
    repeatMs,
    readMs,
    importBytes: file.length,
    imported: first.imported ?? 0,
    unchanged: again.unchanged ?? 0,
    importBeforeKb,
    importPeakKb,
    uploadMs,
    packageMs: quantile(times, 0.5),
    packageBytes,
    singlesMs,
    packageBeforeKb,
    packagePeakKb: rss.peak(),
    failures,
  };
}

export function exchangeMetrics(f: ExchangeFigures | undefined): Metric[] {
  const names = [
    `case import, ${IMPORT_ROWS} rows of XLSX`,
    `case import, the same ${IMPORT_ROWS} rows again`,
    `case import, RSS growth`,
    `file package, ${PACKAGE_FILES} attachments of 2 MB`,
    `file package, RSS growth`,
  ];
  if (!f)
    return names.map((metric) => ({ metric, value: 'pending', baseline: '-', ratio: null, target: '-', pass: null }));
  const ok = f.failures.length === 0;
  const importGrowth = Math.max(0, f.importPeakKb - f.importBeforeKb);
  const packageGrowth = Math.max(0, f.packagePeakKb - f.packageBeforeKb);
  const failed = ok ? '' : `; failures: ${f.failures.slice(0, 3).join('; ')}`;
  return [
    {
      metric: names[0],
      value: ms(f.importMs),
      baseline: `${ms(f.readMs)} (exceljs read)`,
      ratio: ratio(f.importMs, f.readMs),
      target: '-',
      pass: ok && f.imported === IMPORT_ROWS ? null : false,
      how:
        `one upload of ${IMPORT_ROWS} new rows (${(f.importBytes / 1024).toFixed(0)} KB) to ${API}/cases/imports at the second court ` +
        `(EXTERNAL numbers), the new cases written set-based 500 rows at a time; imported ${f.imported}${failed}; ` +
        `baseline: the same workbook read by exceljs' streaming reader in the bench process, median of 3`,
    },
    {
      metric: names[1],
      value: ms(f.repeatMs),
      baseline: `${ms(f.readMs)} (exceljs read)`,
      ratio: ratio(f.repeatMs, f.readMs),
      target: '-',
      pass: ok && f.unchanged === IMPORT_ROWS ? null : false,
      how: `the same file again: every row found on file by its 民初 number with the same parties; unchanged ${f.unchanged}`,
    },
    {
      metric: names[2],
      value: `+${megabytes(importGrowth)}`,
      baseline: `${megabytes(f.importBeforeKb)} (RSS before)`,
      ratio: ratio(f.importPeakKb, f.importBeforeKb),
      target: '-',
      pass: ok ? null : false,
      how: 'VmRSS of the app sampled every 200 ms through both uploads, peak against just before',
    },
    {
      metric: names[3],
      value: ms(f.packageMs),
      baseline: `${ms(f.singlesMs)} (50 downloads)`,
      ratio: ratio(f.packageMs, f.singlesMs),
      target: '-',
      pass: ok ? null : false,
      how:
        `${API}/cases/:id/file-package of an imported case with ${PACKAGE_FILES} PDFs of 2 MB (random ` +
        `content; attachments are stored in the ZIP, not deflated), ${(f.packageBytes / 1024 / 1024).toFixed(1)} MB read to the end, median of ` +
        `${PACKAGE_READS}; baseline: the same 50 attachments downloaded one after another; the 50 uploads took ${ms(f.uploadMs)}${failed}`,
    },
    {
      metric: names[4],
      value: `+${megabytes(packageGrowth)}`,
      baseline: `${megabytes(f.packageBeforeKb)} (RSS before)`,
      ratio: ratio(f.packagePeakKb, f.packageBeforeKb),
      target: '-',
      pass: ok ? null : false,
      how: `VmRSS of the app sampled every 200 ms through the ${PACKAGE_READS} package downloads, peak against just before`,
    },
  ];
}
