// Unit tests of the benchmark's pure helpers (no timings here: the benchmark itself is `npm run bench`).
import { readFileSync } from 'node:fs';
import { dateFlag, intFlag, parseFlags, scriptNodeOptions } from '../../bench/args.js';
import { intakeBody, newCreditCode, newResidentId } from '../../bench/bodies.js';
import { planIndexes } from '../../bench/explain.js';
import { combineRounds } from '../../bench/load.js';
import { INTAKE_TRANSACTION, parseLatencies, parseTps } from '../../bench/pgbench.js';
import { packageOf, summariseProfile } from '../../bench/profile.js';
import { cumulativeBounds, mulberry32, sqlUniform, sqlWeightedPick } from '../../bench/random.js';
import { quantile, ratio, renderNotes, renderTable, type Metric } from '../../bench/report.js';
import { creditCodeProblem, residentIdProblem } from '../../src/common/validators/identity.js';
import { checkCaseInput } from '../../src/intake/case-input-rules.js';
import { caseTypeNames } from '../../src/cases/case-types.js';

describe('deterministic random numbers', () => {
  it('mulberry32 repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(990);
    expect(mulberry32(43)()).not.toBe(first[0]);
  });

  it('sqlUniform hashes the row with the seed and salt, and refuses values that would overflow', () => {
    expect(sqlUniform(7, 3)).toBe('((hashint8extended((g)::bigint, 7003) & 1073741823)::float8 / 1073741824.0)');
    expect(sqlUniform(7, 3, 'p.g')).toContain('(p.g)::bigint');
    expect(() => sqlUniform(-1, 0)).toThrow('seed');
    expect(() => sqlUniform(1, 1000)).toThrow('salt');
  });

  it('cumulativeBounds gives each value its share of [0, 1)', () => {
    expect(cumulativeBounds([1, 1, 2])).toEqual([0, 0.25, 0.5]);
    expect(() => cumulativeBounds([0, 0])).toThrow();
    expect(sqlWeightedPick(["it's", 'b'], [1, 3], 'u')).toBe(
      "(ARRAY['it''s', 'b']::text[])[width_bucket(u, ARRAY[0, 0.25]::float8[])]",
    );
  });
});

describe('intake bodies', () => {
  it('new identity numbers are valid and distinct', () => {
    const ids = Array.from({ length: 2000 }, (_, n) => newResidentId(n * 977));
    const codes = Array.from({ length: 2000 }, (_, n) => newCreditCode(n * 977));
    expect(ids.filter((id) => residentIdProblem(id) !== null)).toEqual([]);
    expect(codes.filter((code) => creditCodeProblem(code) !== null)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('every body passes the intake rules, and the same seed gives the same bodies', () => {
    const known = { idNumbers: [newResidentId(5)], creditCodes: [newCreditCode(5)] };
    const make = () => {
      const next = mulberry32(9);
      return Array.from({ length: 300 }, (_, n) => intakeBody(n, next, known));
    };
    const bodies = make();
    expect(make()).toEqual(bodies);
    const problems = bodies.map((body) => checkCaseInput(body as never, caseTypeNames())).filter((r) => 'errors' in r);
    expect(problems).toEqual([]);
    expect(bodies.some((b) => b.parties[0].idNumber === known.idNumbers[0])).toBe(true);
    expect(bodies.some((b) => b.parties[0].creditCode === known.creditCodes[0])).toBe(true);
  });
});

describe('result table', () => {
  const metrics: Metric[] = [
    {
      metric: 'case page p99',
      value: '4.00 ms',
      baseline: '2.00 ms',
      ratio: 2,
      target: '<= 20 ms',
      pass: true,
      how: 'autocannon',
    },
    { metric: 'x', value: 'pending', baseline: '-', ratio: null, target: '-', pass: null },
    { metric: 'intake', value: '10 req/s', baseline: '100 req/s', ratio: 0.1, target: '>= 0.60', pass: false },
  ];

  it('aligns the columns and shows ratio and verdict', () => {
    const lines = renderTable(metrics).split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[0]).toMatch(/^\| metric +\| value +\| baseline +\| ratio \| target +\| pass\/fail \|$/);
    expect(lines[2]).toContain('| 2.00  |');
    expect(lines[2]).toContain('pass');
    expect(lines[3]).toMatch(/\| - +\| - +\| - +\|$/);
    expect(lines[4]).toContain('FAIL');
    expect(renderNotes(metrics)).toBe('- case page p99: autocannon');
  });

  it('ratio and quantile', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(
      quantile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.99,
      ),
    ).toBe(99);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('flags', () => {
  it('parses --name value, --name=value and bare switches', () => {
    expect(parseFlags(['--cases', '1_000', '--seed=3', '--keep'])).toEqual({ cases: '1_000', seed: '3', keep: 'true' });
    expect(() => parseFlags(['cases'])).toThrow('unexpected argument');
  });

  it('runs the app with the node options of npm run start:prod (the heap cap)', () => {
    expect(scriptNodeOptions('node --max-old-space-size=256 --enable-source-maps dist/src/main.js --x')).toEqual([
      '--max-old-space-size=256',
      '--enable-source-maps',
    ]);
    expect(scriptNodeOptions('node dist/src/main.js')).toEqual([]);
    expect(scriptNodeOptions('npm run build')).toEqual([]);
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(scriptNodeOptions(manifest.scripts['start:prod'])).toContain('--max-old-space-size=200');
  });

  it('checks integers and dates', () => {
    expect(intFlag({ cases: '1_000_000' }, 'cases', 5, 1, 2_000_000)).toBe(1_000_000);
    expect(intFlag({}, 'cases', 5, 1, 10)).toBe(5);
    expect(() => intFlag({ cases: '10x' }, 'cases', 5, 1, 10)).toThrow('integer');
    expect(() => intFlag({ cases: '11' }, 'cases', 5, 1, 10)).toThrow('between');
    expect(dateFlag({}, 'as-of', '2026-11-23')).toBe('2026-11-23');
    expect(() => dateFlag({ 'as-of': '2026-02-30' }, 'as-of', '2026-11-23')).toThrow('YYYY-MM-DD');
  });
});

describe('reading tool output', () => {
  it('pgbench tps and per-transaction latencies', () => {
    expect(parseTps('latency average = 16.2 ms\ntps = 1961.234 (without initial connection time)\n')).toBe(1961.234);
    expect(() => parseTps('nothing')).toThrow('no tps');
    expect(parseLatencies('0 1 1500 0 1700000000 1\n1 1 250 0 1700000000 2\n')).toEqual([1.5, 0.25]);
  });

  it("pgbench runs the app's registration statement with every parameter given a value", () => {
    expect(INTAKE_TRANSACTION).toContain('INSERT INTO cases');
    expect(INTAKE_TRANSACTION).toContain('INSERT INTO audit_events');
    expect(INTAKE_TRANSACTION).not.toMatch(/\$\d/);
    expect(INTAKE_TRANSACTION).not.toContain('undefined');
    expect(INTAKE_TRANSACTION.trimEnd().endsWith(';')).toBe(true);
  });

  it('index names anywhere in an EXPLAIN plan', () => {
    const plan = [
      {
        Plan: { 'Node Type': 'Limit', Plans: [{ 'Node Type': 'Index Scan', 'Index Name': 'ix_cases_open_deadline' }] },
      },
    ];
    expect(planIndexes(plan)).toEqual(['ix_cases_open_deadline']);
    expect(planIndexes([{ Plan: { 'Node Type': 'Seq Scan' } }])).toEqual([]);
  });

  it('CPU profile self time by package and function', () => {
    expect(packageOf('file:///x/node_modules/@nestjs/core/router.js', 'f')).toBe('@nestjs/core');
    expect(packageOf('file:///x/node_modules/typeorm/index.js', 'f')).toBe('typeorm');
    expect(packageOf('file:///x/dist/src/intake/intake.service.js', 'f')).toBe('our code: src/intake');
    expect(packageOf('node:crypto', 'f')).toBe('node internals');
    expect(packageOf('', '(garbage collector)')).toBe('(garbage collector)');
    const summary = summariseProfile({
      nodes: [
        { id: 1, hitCount: 3, callFrame: { functionName: 'a', url: 'node:fs', lineNumber: 0 } },
        { id: 2, hitCount: 1, callFrame: { functionName: 'b', url: 'file:///x/node_modules/pg/a.js', lineNumber: 9 } },
        { id: 3, hitCount: 0, callFrame: { functionName: 'c', url: 'node:fs', lineNumber: 0 } },
      ],
    });
    expect(summary.byPackage).toEqual([
      { name: 'node internals', percent: 75 },
      { name: 'pg', percent: 25 },
    ]);
    expect(summary.byFunction[1]).toEqual({ name: 'b pg:10', percent: 25 });
  });
});

describe('rounds of a measurement', () => {
  it('take the median round for p50 and p99, the worst max and the sums', () => {
    const round = (p99: number, max: number) => ({ throughput: 100, p50: 1, p99, max, total: 10, failures: 1 });
    expect(combineRounds([round(9, 50), round(3, 5), round(4, 8)])).toEqual({
      throughput: 100,
      p50: 1,
      p99: 4,
      max: 50,
      total: 30,
      failures: 3,
    });
  });
});
