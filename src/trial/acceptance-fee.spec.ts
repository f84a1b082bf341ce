import { formatYuan, parseYuan } from '../common/money.js';
import { acceptanceFee, type FeeInput } from './acceptance-fee.js';

const fen = (yuan: string): bigint => {
  const parsed = parseYuan(yuan);
  if (!('fen' in parsed)) throw new Error(parsed.problem);
  return parsed.fen;
};

/** The full fee (普通程序) of a property claim, in yuan. */
const propertyFee = (claim: string) =>
  formatYuan(acceptanceFee({ claimFen: fen(claim), trialProcedure: 'ORDINARY' }).fen);

describe('the case acceptance fee (《诉讼费用交纳办法》 art. 13, 16)', () => {
  describe('property cases: cumulative bands, at every boundary', () => {
    it.each([
      ['0.00', '50.00'],
      ['9999.99', '50.00'],
      ['10000.00', '50.00'],
      // 0.01 yuan at 2.5 % is 0.025 fen: rounded to the fen, nothing.
      ['10000.01', '50.00'],
      ['10000.20', '50.01'],
      ['100000.00', '2300.00'],
      ['100000.01', '2300.00'],
      ['200000.00', '4300.00'],
      ['200000.01', '4300.00'],
      ['500000.00', '8800.00'],
      ['500000.01', '8800.00'],
      ['1000000.00', '13800.00'],
      ['1000000.01', '13800.00'],
      ['2000000.00', '22800.00'],
      ['2000000.01', '22800.00'],
      ['5000000.00', '46800.00'],
      ['5000000.01', '46800.00'],
      ['10000000.00', '81800.00'],
      ['10000000.01', '81800.00'],
      ['20000000.00', '141800.00'],
      ['20000000.01', '141800.00'],
      ['30000000.00', '191800.00'],
    ])('%s yuan costs %s yuan', (claim, fee) => {
      expect(propertyFee(claim)).toBe(fee);
    });

    it('rounds the last band to the fen, half up', () => {
      // 10,000.02: 0.02 yuan at 2.5 % = 0.05 fen -> 0; 10,000.50: 1.25 fen -> 1; 100,000.03 at 2 % = 0.06 fen -> 0;
      // 100,000.25 at 2 %: 0.5 fen -> 1 (half up).
      expect(propertyFee('10000.02')).toBe('50.00');
      expect(propertyFee('10000.50')).toBe('50.01');
      expect(propertyFee('100000.25')).toBe('2300.01');
      expect(propertyFee('12000.50')).toBe('100.01');
    });

    it('shows each band it charges: 100,000 yuan is 50 + 2,250', () => {
      const fee = acceptanceFee({ claimFen: fen('100000'), trialProcedure: 'ORDINARY' });
      expect(fee.lines.map((l) => [l.label, l.rate, formatYuan(l.fen)])).toEqual([
        ['不超过1万元的部分（按件）', null, '50.00'],
        ['超过1万元至10万元的部分', '2.5%', '2250.00'],
      ]);
      expect(fee.kind).toBe('PROPERTY');
      expect(fee.basis).toContain('第十三条第（一）项');
    });

    it('names the open band and the per-mille rates', () => {
      const fee = acceptanceFee({ claimFen: fen('25000000'), trialProcedure: 'ORDINARY' });
      expect(fee.lines.at(-1)).toEqual({
        label: '超过2000万元的部分',
        baseFen: fen('5000000'),
        rate: '0.5%',
        fen: fen('25000'),
      });
      expect(fee.lines.map((l) => l.rate)).toEqual([
        null,
        '2.5%',
        '2%',
        '1.5%',
        '1%',
        '0.9%',
        '0.8%',
        '0.7%',
        '0.6%',
        '0.5%',
      ]);
      // The lines add up to the fee.
      expect(fee.lines.reduce((sum, l) => sum + l.fen, 0n)).toBe(fee.fullFen);
    });
  });

  describe('简易程序 halves it (art. 16), rounded to the fen half up', () => {
    it.each([
      ['100000.00', '2300.00', '1150.00'],
      ['10000.00', '50.00', '25.00'],
      // 50.01 / 2 = 25.005 -> 25.01
      ['10000.50', '50.01', '25.01'],
      ['12000.50', '100.01', '50.01'],
      ['20000000.00', '141800.00', '70900.00'],
    ])('%s yuan: %s, halved %s', (claim, full, half) => {
      const fee = acceptanceFee({ claimFen: fen(claim), trialProcedure: 'SIMPLE' });
      expect(formatYuan(fee.fullFen)).toBe(full);
      expect(formatYuan(fee.fen)).toBe(half);
      expect(fee.halved).toBe(true);
      expect(fee.basis).toContain('第十六条');
    });

    it('does not halve under 普通程序', () => {
      const fee = acceptanceFee({ claimFen: fen('100000'), trialProcedure: 'ORDINARY' });
      expect(fee.halved).toBe(false);
      expect(fee.fen).toBe(fee.fullFen);
      expect(fee.basis).not.toContain('第十六条');
    });
  });

  describe('non-property cases: the court’s piece amount, plus what the law adds', () => {
    const nonProperty = (kind: NonNullable<FeeInput['nonProperty']>['kind'], piece: string) => ({
      kind,
      pieceFen: fen(piece),
    });

    it('divorce: the piece, plus 0.5 % of property over 200,000 yuan', () => {
      const at = (claim: string, trialProcedure: 'SIMPLE' | 'ORDINARY' = 'ORDINARY') =>
        formatYuan(
          acceptanceFee({ claimFen: fen(claim), trialProcedure, nonProperty: nonProperty('DIVORCE', '300') }).fen,
        );
      expect(at('0')).toBe('300.00');
      expect(at('200000')).toBe('300.00');
      expect(at('300000')).toBe('800.00');
      expect(at('300000', 'SIMPLE')).toBe('400.00');
    });

    it('personality rights: damages over 50,000 at 1 %, over 100,000 at 0.5 %', () => {
      const at = (claim: string) =>
        formatYuan(
          acceptanceFee({
            claimFen: fen(claim),
            trialProcedure: 'ORDINARY',
            nonProperty: nonProperty('PERSONALITY', '100'),
          }).fen,
        );
      expect(at('50000')).toBe('100.00');
      expect(at('100000')).toBe('600.00');
      expect(at('200000')).toBe('1100.00');
    });

    it('other non-property cases and labour disputes: the piece, whatever the claim', () => {
      const other = acceptanceFee({
        claimFen: fen('500000'),
        trialProcedure: 'ORDINARY',
        nonProperty: nonProperty('OTHER', '80'),
      });
      expect(formatYuan(other.fen)).toBe('80.00');
      expect(other.lines).toEqual([{ label: '其他非财产案件按件', baseFen: null, rate: null, fen: fen('80') }]);
      const labour = acceptanceFee({
        claimFen: fen('80000'),
        trialProcedure: 'SIMPLE',
        nonProperty: nonProperty('LABOUR', '10'),
      });
      expect(formatYuan(labour.fullFen)).toBe('10.00');
      expect(formatYuan(labour.fen)).toBe('5.00');
      expect(labour.basis).toContain('第十三条第（五）项');
    });
  });

  it('refuses a negative claim (a programming error: amounts are parsed first)', () => {
    expect(() => acceptanceFee({ claimFen: -1n, trialProcedure: 'ORDINARY' })).toThrow(RangeError);
  });
});
