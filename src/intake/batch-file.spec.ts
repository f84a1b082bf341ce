import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ValidationFailedError } from '../common/errors.js';
import { BatchFileReadError, readSheetRows, receiveBatchFile, type BatchFile, type SheetRow } from './batch-file.js';
import { BATCH_MAX_ROWS } from './batch-limits.js';

/** A stream that hands out its bytes in small pieces, as an upload does. */
const streamOf = (bytes: Buffer, piece = 3) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece)),
    { objectMode: false },
  );

async function received<T>(bytes: Buffer, use: (file: BatchFile) => Promise<T>): Promise<T> {
  const file = await receiveBatchFile(streamOf(bytes, 4096));
  try {
    return await use(file);
  } finally {
    await file.dispose();
  }
}

async function rowsOf(bytes: Buffer): Promise<{ format: string; rows: SheetRow[] }> {
  return received(bytes, async (file) => {
    const rows: SheetRow[] = [];
    for await (const row of readSheetRows(file.format, file.path)) rows.push(row);
    return { format: file.format, rows };
  });
}

const refusal = (bytes: Buffer) =>
  receiveBatchFile(streamOf(bytes, 64 * 1024)).then(
    () => null,
    (error: unknown) => error as ValidationFailedError & { status: number },
  );

describe('batch file reading', () => {
  it('reads CSV with a BOM, numbering rows as a spreadsheet does even across a multi-line cell', async () => {
    const csv = Buffer.from('\ufeff编号,诉讼请求\nA1,"第一行\n第二行"\n\nA2,"含""引号"""\n', 'utf8');
    const { format, rows } = await rowsOf(csv);
    expect(format).toBe('CSV');
    expect(rows).toEqual([
      { row: 1, cells: ['编号', '诉讼请求'] },
      { row: 2, cells: ['A1', '第一行\n第二行'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['A2', '含"引号"'] },
    ]);
  });

  it('reads the first worksheet of an XLSX by content, with numbers and rich text as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('案件');
    sheet.addRow(['编号', '金额', '名称']);
    sheet.addRow(['A1', 12000.5, { richText: [{ text: '某某' }, { text: '银行' }] }]);
    sheet.addRow([]);
    sheet.addRow(['A3', 7, null]);
    workbook.addWorksheet('说明').addRow(['不读这一页']);
    const { format, rows } = await rowsOf(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(format).toBe('XLSX');
    expect(rows).toEqual([
      { row: 1, cells: ['编号', '金额', '名称'] },
      { row: 2, cells: ['A1', '12000.5', '某某银行'] },
      { row: 4, cells: ['A3', '7'] },
    ]);
  });

  it.each([
    ['an empty upload', Buffer.alloc(0), 'FILE_EMPTY'],
    ['old binary Excel', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 1, 2, 3]), 'FILE_FORMAT_UNSUPPORTED'],
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]), 'FILE_FORMAT_UNSUPPORTED'],
  ])('refuses %s before reading rows', async (_name, bytes, code) => {
    const error = await refusal(bytes);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).details).toEqual([expect.objectContaining({ field: 'file', code })]);
  });

  it('refuses a broken CSV on receipt, as a read error that says after which row it broke', async () => {
    const broken = Buffer.from('a,b\n1,2\n"unterminated\n', 'utf8');
    const error = await refusal(broken);
    expect(error).toBeInstanceOf(BatchFileReadError);
    expect((error as unknown as BatchFileReadError).afterRow).toBe(2);
  });

  it(`counts a CSV's rows on receipt: ${BATCH_MAX_ROWS} after the header pass, one more is refused with 413`, async () => {
    const csv = (rows: number) => Buffer.from('编号\n' + 'A\n'.repeat(rows), 'utf8');
    await expect(received(csv(BATCH_MAX_ROWS), async (file) => file.format)).resolves.toBe('CSV');
    const error = await refusal(csv(BATCH_MAX_ROWS + 1));
    expect(error).toMatchObject({ status: 413, code: 'BATCH_TOO_MANY_ROWS' });
  });

  it.each([
    ['one cell of 1 MB', `编号,诉讼请求\nA,${'请'.repeat(1024 * 1024)}\n`],
    ['an unterminated quote running to the end', `编号,诉讼请求\nA,"${'请\n'.repeat(200_000)}`],
    ['a line of a million commas', `编号\n${','.repeat(1100 * 1024)}\n`],
  ])('refuses a CSV with %s (400 CELL_TOO_LONG) on receipt', async (_name, text) => {
    const error = await refusal(Buffer.from(text, 'utf8'));
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(error!.details).toEqual([expect.objectContaining({ field: 'file', code: 'CELL_TOO_LONG' })]);
  });

  it('reads only the first 256 columns of a row', async () => {
    const { rows } = await rowsOf(Buffer.from(`${'a,'.repeat(300)}\n`, 'utf8'));
    expect(rows[0].cells).toHaveLength(256);
  });
});
