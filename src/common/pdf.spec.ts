import { fontRuns } from './pdf.js';
import { DEFAULT_RARE_FONT, rareFontAvailable, rareFontFile, rareFontMissingMessage } from './rare-font.js';

describe('font runs (rare characters set in the fallback font)', () => {
  const serif = (cp: number) => cp !== 0x201d4; // 𠇔, CJK Extension B, is missing from the serif

  it('splits a name at the characters the serif lacks, keeping surrogate pairs whole', () => {
    expect(fontRuns('王𠇔，住址', serif)).toEqual([
      { text: '王', rare: false },
      { text: '𠇔', rare: true },
      { text: '，住址', rare: false },
    ]);
  });

  it('keeps text the serif has in one run, spaces included', () => {
    expect(fontRuns('刘䶮 李堃喆 陈昇', serif)).toEqual([{ text: '刘䶮 李堃喆 陈昇', rare: false }]);
    expect(fontRuns(' ', () => false)).toEqual([{ text: ' ', rare: false }]);
  });
});

describe('the rare-character font', () => {
  const saved = process.env.PDF_RARE_FONT;
  afterEach(() => {
    if (saved === undefined) delete process.env.PDF_RARE_FONT;
    else process.env.PDF_RARE_FONT = saved;
  });

  it('is BabelStone Han from Debian unless PDF_RARE_FONT names another file', () => {
    delete process.env.PDF_RARE_FONT;
    expect(rareFontFile()).toBe(DEFAULT_RARE_FONT);
    process.env.PDF_RARE_FONT = '/nowhere/font.ttf';
    expect(rareFontFile()).toBe('/nowhere/font.ttf');
  });

  it('when absent, is said to be absent with what to do, naming the file', () => {
    process.env.PDF_RARE_FONT = '/nowhere/font.ttf';
    expect(rareFontAvailable()).toBe(false);
    expect(rareFontMissingMessage()).toMatch(
      /^本机没有生僻字字体（\/nowhere\/font\.ttf）.*𠇔.*fonts-babelstone-han.*PDF_RARE_FONT/,
    );
  });
});
