import { caseTypeNames } from '../cases/case-types.js';
import {
  checkSubsidyRates,
  loadDefaultSubsidyRates,
  mediatorSubsidies,
  subsidyRateFor,
  type SubsidyRateEntry,
} from './subsidy-rules.js';

const CASE_TYPES = ['民间借贷纠纷', '建设工程施工合同纠纷'];
const base = [
  { outcome: 'SETTLED', amount: '300.00' },
  { outcome: 'FAILED', amount: '100' },
  { outcome: 'WITHDRAWN', amount: 50 },
  { outcome: 'EXPIRED', amount: '0' },
];

describe('subsidy rates (以案定补)', () => {
  it('reads a table with base rates and a case-type rate, in fen', () => {
    const checked = checkSubsidyRates(
      [
        ...base,
        { outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', amount: '500.50' },
        { outcome: 'SETTLED', difficulty: 'COMPLEX', amount: '450' },
      ],
      CASE_TYPES,
    );
    expect(checked).toEqual({
      rates: [
        { outcome: 'SETTLED', caseType: null, difficulty: null, amountFen: 30000n },
        { outcome: 'FAILED', caseType: null, difficulty: null, amountFen: 10000n },
        { outcome: 'WITHDRAWN', caseType: null, difficulty: null, amountFen: 5000n },
        { outcome: 'EXPIRED', caseType: null, difficulty: null, amountFen: 0n },
        { outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', difficulty: null, amountFen: 50050n },
        { outcome: 'SETTLED', caseType: null, difficulty: 'COMPLEX', amountFen: 45000n },
      ],
    });
  });

  it('names every bad entry', () => {
    const checked = checkSubsidyRates(
      [
        ...base,
        { outcome: 'REFUSED', amount: '1' },
        { outcome: 'SETTLED', caseType: '不存在的案由', amount: '-1' },
        { outcome: 'FAILED', amount: '1', extra: true },
        'x',
        { outcome: 'FAILED', difficulty: 'HARD', amount: '1' },
      ],
      CASE_TYPES,
    );
    expect('errors' in checked && checked.errors.map((e) => `${e.field} ${e.code}`)).toEqual([
      'rates[4].outcome IS_IN',
      'rates[5].caseType CASE_TYPE_UNKNOWN',
      'rates[5].amount AMOUNT_INVALID',
      'rates[6].extra WHITELIST_VALIDATION',
      'rates[7] IS_OBJECT',
      'rates[8].difficulty IS_IN',
    ]);
  });

  it('refuses a table without a base rate for every outcome, or with an entry twice', () => {
    const missing = checkSubsidyRates(base.slice(0, 2), CASE_TYPES);
    expect('errors' in missing && missing.errors.map((e) => e.code)).toEqual([
      'BASE_RATE_MISSING',
      'BASE_RATE_MISSING',
    ]);
    const twice = checkSubsidyRates(
      [
        ...base,
        { outcome: 'FAILED', amount: '2' },
        { outcome: 'FAILED', difficulty: 'SIMPLE', amount: '2' },
        { outcome: 'FAILED', difficulty: 'SIMPLE', amount: '3' },
      ],
      CASE_TYPES,
    );
    expect('errors' in twice && twice.errors.map((e) => `${e.field} ${e.code}`)).toEqual([
      'rates[4] DUPLICATE_RATE',
      'rates[6] DUPLICATE_RATE',
    ]);
    const onlyGraded = checkSubsidyRates(
      [...base.slice(1), { outcome: 'SETTLED', difficulty: 'SIMPLE', amount: '2' }],
      CASE_TYPES,
    );
    expect('errors' in onlyGraded && onlyGraded.errors.map((e) => e.code)).toEqual(['BASE_RATE_MISSING']);
    expect(checkSubsidyRates({}, CASE_TYPES)).toEqual({ errors: [expect.objectContaining({ code: 'IS_ARRAY' })] });
  });

  it('pays a case at the most specific rate: case type and difficulty, case type, difficulty, base', () => {
    const rates: SubsidyRateEntry[] = [
      { outcome: 'SETTLED', caseType: null, difficulty: null, amountFen: 30000n },
      { outcome: 'SETTLED', caseType: null, difficulty: 'COMPLEX', amountFen: 45000n },
      { outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', difficulty: null, amountFen: 50000n },
      { outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', difficulty: 'COMPLEX', amountFen: 60000n },
      { outcome: 'EXPIRED', caseType: null, difficulty: null, amountFen: 0n },
    ];
    expect(subsidyRateFor(rates, 'SETTLED', '建设工程施工合同纠纷', 'COMPLEX')).toBe(60000n);
    expect(subsidyRateFor(rates, 'SETTLED', '建设工程施工合同纠纷', 'SIMPLE')).toBe(50000n);
    expect(subsidyRateFor(rates, 'SETTLED', '民间借贷纠纷', 'COMPLEX')).toBe(45000n);
    expect(subsidyRateFor(rates, 'SETTLED', '民间借贷纠纷', 'ORDINARY')).toBe(30000n);
    expect(subsidyRateFor(rates, 'EXPIRED', '民间借贷纠纷', 'COMPLEX')).toBe(0n);
    expect(subsidyRateFor(rates, 'FAILED', '民间借贷纠纷', 'ORDINARY')).toBe(0n);
  });
});

describe('the month’s subsidy list', () => {
  const rates: SubsidyRateEntry[] = [
    { outcome: 'SETTLED', caseType: null, difficulty: null, amountFen: 30000n },
    { outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', difficulty: null, amountFen: 50000n },
    { outcome: 'FAILED', caseType: null, difficulty: null, amountFen: 10000n },
    { outcome: 'WITHDRAWN', caseType: null, difficulty: null, amountFen: 5000n },
    { outcome: 'EXPIRED', caseType: null, difficulty: null, amountFen: 0n },
  ];
  const mediators = [
    { id: 'm1', name: '王调解', organization: '人调委' },
    { id: 'm2', name: '李调解', organization: '人调委' },
  ];

  it('pays each group at its rate, lists idle mediators with zeros, and counts unassigned cases apart', () => {
    const list = mediatorSubsidies(
      mediators,
      [
        { mediatorId: 'm1', outcome: 'SETTLED', caseType: '民间借贷纠纷', difficulty: 'ORDINARY', cases: 2 },
        { mediatorId: 'm1', outcome: 'SETTLED', caseType: '建设工程施工合同纠纷', difficulty: 'COMPLEX', cases: 1 },
        { mediatorId: 'm1', outcome: 'EXPIRED', caseType: '民间借贷纠纷', difficulty: 'ORDINARY', cases: 1 },
        { mediatorId: 'm1', outcome: 'FAILED', caseType: '民间借贷纠纷', difficulty: 'ORDINARY', cases: 1 },
        { mediatorId: null, outcome: 'EXPIRED', caseType: '民间借贷纠纷', difficulty: 'ORDINARY', cases: 3 },
      ],
      rates,
    );
    const [first, idle] = list.mediators;
    expect(first.cases).toEqual({ SETTLED: 3, FAILED: 1, WITHDRAWN: 0, EXPIRED: 1 });
    expect(first.amountFen).toBe(2n * 30000n + 50000n + 0n + 10000n);
    expect(first.lines.find((l) => l.caseType === '建设工程施工合同纠纷')).toMatchObject({
      rateFen: 50000n,
      amountFen: 50000n,
    });
    expect(idle).toMatchObject({
      name: '李调解',
      cases: { SETTLED: 0, FAILED: 0, WITHDRAWN: 0, EXPIRED: 0 },
      lines: [],
    });
    expect(idle.amountFen).toBe(0n);
    expect(list.total).toEqual({ cases: { SETTLED: 3, FAILED: 1, WITHDRAWN: 0, EXPIRED: 1 }, amountFen: 120000n });
    expect(list.unassignedCases).toBe(3);
  });
});

describe('the shipped default rates', () => {
  it('load from config/subsidy-rates.json with a base rate for every outcome', () => {
    const rates = loadDefaultSubsidyRates(caseTypeNames());
    const base = rates.filter((r) => r.caseType === null && r.difficulty === null).map((r) => r.outcome);
    expect(base.sort()).toEqual(['EXPIRED', 'FAILED', 'SETTLED', 'WITHDRAWN']);
  });
});
