import { fontRuns } from './pdf.js';

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
