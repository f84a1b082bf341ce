import { ConfigFileError } from '../config/config-file.js';
import { loadFeeSettings, parseFeeSettings } from './fee-config.js';

const TYPES = ['离婚纠纷', '劳动争议', '名誉权纠纷', '民间借贷纠纷'];
const parse = (raw: unknown) => parseFeeSettings(raw, undefined, TYPES);

describe('fee settings (config/fees.json)', () => {
  it('maps listed case types to their kind and piece amount; the others are property cases', () => {
    const settings = parse({
      $comment: 'x',
      caseTypes: {
        离婚纠纷: { kind: 'DIVORCE', amount: '300.00' },
        名誉权纠纷: { kind: 'PERSONALITY', amount: 100 },
      },
    });
    expect(settings.nonPropertyFee('离婚纠纷')).toEqual({ kind: 'DIVORCE', pieceFen: 30_000n });
    expect(settings.nonPropertyFee('名誉权纠纷')).toEqual({ kind: 'PERSONALITY', pieceFen: 10_000n });
    expect(settings.nonPropertyFee('民间借贷纠纷')).toBeUndefined();
  });

  it.each([
    [
      { caseTypes: { 离婚纠纷: { kind: 'DIVORCE', amount: '301.00' } } },
      'caseTypes.离婚纠纷.amount',
      '50.00 to 300.00',
    ],
    [{ caseTypes: { 离婚纠纷: { kind: 'DIVORCE', amount: '49.99' } } }, 'caseTypes.离婚纠纷.amount', 'legal range'],
    [{ caseTypes: { 劳动争议: { kind: 'LABOUR', amount: '20' } } }, 'caseTypes.劳动争议.amount', '10.00 to 10.00'],
    [{ caseTypes: { 离婚纠纷: { kind: 'DIVORCE', amount: 'abc' } } }, 'caseTypes.离婚纠纷.amount', 'yuan'],
    [{ caseTypes: { 离婚纠纷: { kind: 'FAMILY', amount: '100' } } }, 'caseTypes.离婚纠纷.kind', 'DIVORCE'],
    [{ caseTypes: { 离婚纠纷: { kind: 'DIVORCE', amount: '100', x: 1 } } }, 'caseTypes.离婚纠纷.x', 'not a known'],
    [{ caseTypes: { 婚约财产纠纷: { kind: 'OTHER', amount: '50' } } }, 'caseTypes.婚约财产纠纷', 'case-types.json'],
    [{ caseTypes: [] }, 'caseTypes', 'JSON object'],
    [{ rates: {} }, 'rates', 'not a known'],
  ])('refuses %j naming %s', (raw, field, problem) => {
    expect(() => parse(raw)).toThrow(ConfigFileError);
    expect(() => parse(raw)).toThrow(`config/fees.json ${field}`);
    expect(() => parse(raw)).toThrow(problem);
  });

  it('reads the shipped config/fees.json: divorce and custody divorce-like, labour disputes 10 yuan', () => {
    const settings = loadFeeSettings();
    expect(settings.nonPropertyFee('离婚纠纷')?.kind).toBe('DIVORCE');
    expect(settings.nonPropertyFee('抚养纠纷')?.kind).toBe('DIVORCE');
    expect(settings.nonPropertyFee('劳动争议')).toEqual({ kind: 'LABOUR', pieceFen: 1_000n });
    expect(settings.nonPropertyFee('民间借贷纠纷')).toBeUndefined();
  });
});
