import { neutraliseFormula } from './spreadsheet-text.js';

describe('neutraliseFormula', () => {
  it.each(['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'])(
    'prefixes %j with an apostrophe',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it.each(['张三', '北京某某科技有限公司', '', ' =1', "'=1", '1=1', '调解员-王'])('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});
