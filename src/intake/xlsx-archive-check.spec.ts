import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  entryOf,
  sharedStringsBomb,
  sheetRow,
  SHEET_HEAD,
  SHEET_TAIL,
  stringsXml,
  workbookOf,
  worksheetBomb,
} from '../../test/support/xlsx-bombs.js';
import { BATCH_MAX_ROWS } from './batch-limits.js';
import { checkXlsxArchive } from './xlsx-archive-check.js';

describe('XLSX archive check (zip bombs)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'mp-zip-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = async (bytes: Buffer) => {
    const file = path.join(dir, `f${Math.random()}`);
    writeFileSync(file, bytes);
    return checkXlsxArchive(file).then(
      () => 'ok',
      (error: { code: string; details?: { code: string }[] }) => error.details?.[0]?.code ?? error.code,
    );
  };
  const sheet = (rows: number) =>
    entryOf(
      'sheet',
      SHEET_HEAD + Array.from({ length: rows }, (_, i) => sheetRow(i + 1, [0, 1])).join('') + SHEET_TAIL,
    );

  it('passes a small workbook', async () => {
    expect(await check(workbookOf(entryOf('s', stringsXml(['编号', '金额'])), sheet(3)))).toBe('ok');
  });

  it('refuses shared strings that say they unpack past the bound, before inflating them', async () => {
    expect(await check(await sharedStringsBomb(100))).toBe('BATCH_UNPACKED_TOO_LARGE');
    expect(await check(await sharedStringsBomb(30))).toBe('BATCH_SHARED_STRINGS_TOO_LARGE');
  });

  it('refuses shared strings that lie about their size, counting while inflating', async () => {
    expect(await check(await sharedStringsBomb(30, 1000))).toBe('BATCH_SHARED_STRINGS_TOO_LARGE');
  });

  it('refuses a worksheet that lies about its size: what it really unpacks to is counted', async () => {
    expect(await check(await worksheetBomb(60))).toBe('BATCH_UNPACKED_TOO_LARGE');
    expect(await check(await worksheetBomb(60, 2000))).toMatch(/^BATCH_(UNPACKED_TOO_LARGE|TOO_MANY_ROWS)$/);
  });

  it(`counts the rows of a worksheet: ${BATCH_MAX_ROWS + 1} with the header pass, one more does not`, async () => {
    const strings = entryOf('s', stringsXml(['a', 'b']));
    expect(await check(workbookOf(strings, sheet(BATCH_MAX_ROWS + 1)))).toBe('ok');
    expect(await check(workbookOf(strings, sheet(BATCH_MAX_ROWS + 2)))).toBe('BATCH_TOO_MANY_ROWS');
  });

  it('refuses one cell of 1 MB', async () => {
    const strings = entryOf('s', stringsXml(['编号', '请'.repeat(1024 * 1024)]));
    expect(await check(workbookOf(strings, sheet(2)))).toBe('CELL_TOO_LONG');
  });

  it('refuses an archive without its directory', async () => {
    const whole = workbookOf(entryOf('s', stringsXml(['a'])), sheet(1));
    expect(await check(whole.subarray(0, whole.length - 30))).toBe('FILE_UNREADABLE');
  });
});
