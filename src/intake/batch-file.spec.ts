import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ValidationFailedError } from '../common/errors.js';
import { BatchFileReadError, readSheetRows, sniffFormat, type SheetRow } from './batch-file.js';

/** A stream that hands out its bytes in small pieces, as an upload does. */
const streamOf = (bytes: Buffer, piece = 3) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece)),
    { objectMode: false },
  );

async function rowsOf(bytes: Buffer): Promise<{ format: string; rows: SheetRow[] }> {
  const { format, stream } = await sniffFormat(streamOf(bytes));
  const rows: SheetRow[] = [];
  for await (const row of readSheetRows(format, stream)) rows.push(row);
  return { format, rows };
}

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
    const failure = sniffFormat(streamOf(bytes)).then(
      () => null,
      (error: unknown) => error,
    );
    const error = await failure;
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).details).toEqual([expect.objectContaining({ field: 'file', code })]);
  });

  it('wraps a broken file as a read error that says after which row it broke', async () => {
    const broken = Buffer.from('a,b\n1,2\n"unterminated\n', 'utf8');
    const { stream, format } = await sniffFormat(streamOf(broken));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const row of readSheetRows(format, stream)) seen.push(row.row);
      })(),
    ).rejects.toBeInstanceOf(BatchFileReadError);
    expect(seen).toEqual([1, 2]);
  });
});
