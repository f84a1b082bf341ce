// Official documents (告知书、咨询函、调解协议书) in a 宋体-style serif: Noto Serif SC from an npm package
// (@expo-google-fonts/noto-serif-sc), embedded as a subset, so the PDF renders the same on a machine with no
// Chinese fonts installed. Characters it lacks (CJK Extension B and later, found in real names such as 𠇔) are
// set in BabelStone Han, a Song-style font with G-source glyphs (Debian's fonts-babelstone-han), run by run.
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { rareFontAvailable, rareFontFile } from './rare-font.js';

const require = createRequire(import.meta.url);
const serifDir = path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));

const CJK_FONT_REGULAR = path.join(serifDir, '400Regular', 'NotoSerifSC_400Regular.ttf');
const CJK_FONT_BOLD = path.join(serifDir, '700Bold', 'NotoSerifSC_700Bold.ttf');
const PRIMARY_FONTS = new Set(['cjk', 'cjk-bold']);
const RARE = 'cjk-rare';

/** An A4 document with the serif fonts registered as 'cjk' and 'cjk-bold' ('cjk' selected). */
export function createPdfDocument(info: { title: string; author?: string }): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    info: { Title: info.title, Author: info.author ?? '', Creator: '诉前调解案件平台' },
    bufferPages: true,
  });
  const files: Record<string, string> = { cjk: CJK_FONT_REGULAR, 'cjk-bold': CJK_FONT_BOLD };
  if (rareFontPresent()) files[RARE] = rareFontFile();
  for (const [name, file] of Object.entries(files)) registerFont(doc, name, file);
  withParsedFontCache(doc, files);
  if (files[RARE]) withRareCharacterFallback(doc);
  doc.font('cjk');
  return doc;
}

let rarePresent: boolean | undefined;
function rareFontPresent(): boolean {
  rarePresent ??= rareFontAvailable();
  return rarePresent;
}

/**
 * The fonts as fontkit parsed them, by file, kept for the life of the thread (a document worker): each file is
 * read and parsed once, on its first use, not once per document (pdfkit takes a parsed font in place of a file).
 */
const parsedFonts = new Map<string, object>();

function registerFont(doc: PDFKit.PDFDocument, name: string, file: string): void {
  doc.registerFont(name, (parsedFonts.get(file) ?? file) as string);
}

/** Keeps each font pdfkit parses on its first use in `parsedFonts`, for the next documents. */
function withParsedFontCache(doc: PDFKit.PDFDocument, files: Record<string, string>): void {
  const font = doc.font.bind(doc) as (name: string, size?: number) => PDFKit.PDFDocument;
  doc.font = ((name: string, size?: number) => {
    font(name, size);
    const file = files[name];
    if (file && !parsedFonts.has(file)) {
      const parsed = (doc as unknown as { _font: { font?: object } })._font.font;
      if (parsed) parsedFonts.set(file, parsed);
    }
    return doc;
  }) as PDFKit.PDFDocument['font'];
}

interface FontState {
  name: string;
  hasGlyph: (codePoint: number) => boolean;
}

/** Wraps `font` and `text` so that a run of characters the serif lacks is set in the fallback font. */
function withRareCharacterFallback(doc: PDFKit.PDFDocument): void {
  const font = doc.font.bind(doc) as (name: string, size?: number) => PDFKit.PDFDocument;
  const text = doc.text.bind(doc) as (text: string, ...rest: unknown[]) => PDFKit.PDFDocument;
  let current: FontState = { name: 'cjk', hasGlyph: () => true };
  doc.font = ((name: string, size?: number) => {
    font(name, size);
    // pdfkit's embedded font keeps its fontkit font in `font` (not in the type definitions).
    const fontkit = (doc as unknown as { _font: { font?: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
    current = { name, hasGlyph: (cp) => fontkit?.hasGlyphForCodePoint(cp) ?? true };
    return doc;
  }) as PDFKit.PDFDocument['font'];
  doc.text = ((value: unknown, ...rest: unknown[]) => {
    const runs = PRIMARY_FONTS.has(current.name) ? fontRuns(String(value ?? ''), current.hasGlyph) : [];
    if (runs.length === 0 || (runs.length === 1 && !runs[0].rare)) return text(String(value ?? ''), ...rest);
    const primary = current.name;
    const [x, y, options] = positionAndOptions(rest);
    // Every run sits on the serif's baseline (the fallback's ascender differs).
    const internals = doc as unknown as { _font: { ascender: number }; _fontSize: number };
    const baseline = -((internals._font.ascender / 1000) * internals._fontSize);
    runs.forEach((run, i) => {
      font(run.rare ? RARE : primary);
      const last = i === runs.length - 1;
      const runOptions = { ...options, baseline, continued: last ? Boolean(options.continued) : true };
      // pdfkit takes an absent x as "options come first", so a position is passed only when given.
      if (i === 0 && (x !== undefined || y !== undefined)) text(run.text, x, y, runOptions);
      else text(run.text, runOptions);
    });
    font(primary);
    return doc;
  }) as PDFKit.PDFDocument['text'];
}

/** `text(s, options)` or `text(s, x, y, options)`. */
function positionAndOptions(rest: unknown[]): [number | undefined, number | undefined, PDFKit.Mixins.TextOptions] {
  if (typeof rest[0] === 'number' || typeof rest[1] === 'number') {
    return [rest[0] as number | undefined, rest[1] as number | undefined, (rest[2] ?? {}) as PDFKit.Mixins.TextOptions];
  }
  return [undefined, undefined, (rest[0] ?? {}) as PDFKit.Mixins.TextOptions];
}

/** Splits text into runs the font can set and runs it cannot (whole code points, so surrogate pairs stay whole). */
export function fontRuns(text: string, hasGlyph: (codePoint: number) => boolean): { text: string; rare: boolean }[] {
  const runs: { text: string; rare: boolean }[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Whitespace and control characters never need the fallback.
    const rare = cp > 0x2f && !hasGlyph(cp);
    const lastRun = runs.at(-1);
    if (lastRun && lastRun.rare === rare) lastRun.text += ch;
    else runs.push({ text: ch, rare });
  }
  return runs;
}

/** U+3000, the full-width space between two items on one line of a Chinese document. */
const IDEOGRAPHIC_SPACE = '\u3000';

/** A run of pages numbered together: one copy of a document printed once per party, or the whole document. */
export interface PageRun {
  start: number;
  count: number;
}

/**
 * 第 X 页 共 N 页 in the bottom margin of every page (bufferPages), counted per run; by default the whole
 * document is one run. `footer` (the court's name) goes before it on the same line.
 */
export function writePageNumbers(doc: PDFKit.PDFDocument, runs?: PageRun[], footer?: string): void {
  const all = runs ?? [{ start: 0, count: doc.bufferedPageRange().count }];
  for (const run of all) {
    for (let i = 0; i < run.count; i += 1) {
      doc.switchToPage(run.start + i);
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // writing inside the margin must not start a new page
      const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
      const text = `${footer ? `${footer}${IDEOGRAPHIC_SPACE}` : ''}第 ${i + 1} 页 共 ${run.count} 页`;
      doc
        .font('cjk')
        .fontSize(9)
        .text(text, doc.page.margins.left, doc.page.height - bottomMargin / 2 - 5, {
          width,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottomMargin;
    }
  }
}

/** Renders a document to a Buffer (our documents are a few pages; callers may stream instead). */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
