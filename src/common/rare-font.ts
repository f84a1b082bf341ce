// Where the fallback font for rare characters is, and what people are told when it is absent: read by start-up and
// the case page without loading the PDF code (src/common/pdf.ts, which only the document worker loads).
import { existsSync } from 'node:fs';

/** Debian's fonts-babelstone-han: the fallback for rare characters. */
export const DEFAULT_RARE_FONT = '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf';

/**
 * The fallback for rare characters; `PDF_RARE_FONT` names another file with the same coverage. No package of the
 * npm registry the project uses carries a font with CJK Extension B (the serif's own packages stop at the common
 * set and Extension A), so it comes from the system; without it the platform says so (at start-up and on the
 * case page's documents) and prints anyway, refusing nothing.
 */
export function rareFontFile(): string {
  return process.env.PDF_RARE_FONT || DEFAULT_RARE_FONT;
}

export function rareFontAvailable(): boolean {
  return existsSync(rareFontFile());
}

/** What a person is told when the fallback is absent: the page's and the start-up log's line. */
export function rareFontMissingMessage(): string {
  return (
    `本机没有生僻字字体（${rareFontFile()}）：文书中 CJK 扩展 B 区及以后的汉字（如当事人姓名中的“𠇔”）将打印为空白。` +
    '请安装 fonts-babelstone-han（Debian：apt-get install fonts-babelstone-han），或以 PDF_RARE_FONT 指定覆盖这些汉字的字体文件。'
  );
}
