// Hand-built XLSX archives for the batch bounds: a minimal workbook whose entries are given as XML, zipped here
// (deflate), with the option to declare a smaller size than an entry really unpacks to (a lying header). The big
// ones are deflated from a repeated piece, so they are built in little memory and sent as a few hundred KB.
import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { BATCH_COLUMNS } from '../../src/intake/batch-template.js';

export interface ZipEntry {
  name: string;
  /** The deflated data and what it unpacks to. */
  deflated: Buffer;
  size: number;
  crc: number;
  /** Claimed in both headers instead of `size` (a lie when smaller). */
  declaredSize?: number;
}

export function entryOf(name: string, text: string): ZipEntry {
  const data = Buffer.from(text, 'utf8');
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** `head`, then `piece` repeated `times`, then `tail`, deflated as one stream (crc left 0: nothing checks it). */
export async function repeatedEntry(name: string, head: string, piece: string, times: number, tail: string) {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const perBlock = Math.max(1, Math.floor((1024 * 1024) / piece.length));
  const block = Buffer.from(piece.repeat(perBlock), 'utf8');
  let size = 0;
  const write = async (data: Buffer) => {
    size += data.length;
    if (!deflate.write(data)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(Buffer.from(head, 'utf8'));
  for (let left = times; left > 0; left -= perBlock) {
    await write(left >= perBlock ? block : Buffer.from(piece.repeat(left), 'utf8'));
  }
  await write(Buffer.from(tail, 'utf8'));
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(out), size, crc: 0 } satisfies ZipEntry;
}

/** A ZIP archive: local headers with their sizes, the central directory, the end record. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.deflated);
    centrals.push(central, name);
    offset += 30 + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="案件" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_TAIL = `</sheetData></worksheet>`;
export const STRINGS_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;
export const STRINGS_TAIL = `</sst>`;

/** A workbook of one sheet: the given shared strings and sheet entries (XML), the rest minimal. */
export function workbookOf(sharedStrings: ZipEntry, sheet: ZipEntry): Buffer {
  return zipOf([
    entryOf('[Content_Types].xml', CONTENT_TYPES),
    entryOf('_rels/.rels', ROOT_RELS),
    entryOf('xl/workbook.xml', WORKBOOK),
    entryOf('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    { ...sharedStrings, name: 'xl/sharedStrings.xml' },
    { ...sheet, name: 'xl/worksheets/sheet1.xml' },
  ]);
}

/** A sheet row of shared-string cells: row n, cells pointing at the given string indexes. */
export function sheetRow(n: number, indexes: number[]): string {
  const cells = indexes.map((s, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="s"><v>${s}</v></c>`).join('');
  return `<row r="${n}">${cells}</row>`;
}

/** The shared strings as XML. */
export function stringsXml(strings: string[]): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `${STRINGS_HEAD}${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join('')}${STRINGS_TAIL}`;
}

/** Shared strings unpacking to about `megabytes` MB (declared honestly unless `declaredSize`). */
export async function sharedStringsBomb(megabytes: number, declaredSize?: number): Promise<Buffer> {
  const piece = '<si><t>借款人借款人借款人</t></si>';
  const times = Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(piece));
  const strings = await repeatedEntry('xl/sharedStrings.xml', STRINGS_HEAD, piece, times, STRINGS_TAIL);
  return workbookOf({ ...strings, declaredSize }, entryOf('sheet', `${SHEET_HEAD}${sheetRow(1, [0])}${SHEET_TAIL}`));
}

/**
 * A worksheet unpacking to about `megabytes` MB, its size declared as `declaredSize`: the template's header row, then
 * one data row repeated (so that a reader which takes the header goes on reading rows).
 */
export async function worksheetBomb(megabytes: number, declaredSize?: number): Promise<Buffer> {
  const headers = BATCH_COLUMNS.map((c) => c.header);
  // The same well-formed row again and again: a streaming reader takes each for a row of the sheet.
  const piece = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>';
  const times = Math.ceil((megabytes * 1024 * 1024) / piece.length);
  const head =
    SHEET_HEAD +
    sheetRow(
      1,
      headers.map((_, i) => i),
    );
  const sheet = await repeatedEntry('sheet', head, piece, times, SHEET_TAIL);
  return workbookOf(entryOf('strings', stringsXml(headers)), { ...sheet, declaredSize });
}
