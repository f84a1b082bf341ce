// The intake ceiling: pgbench running the app's registration statement (the case,
// its two parties and the history event) straight against the database, with the
// app's role, at the same concurrency as the HTTP load.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REGISTER_CASE_SQL, REGISTRATION_PARAMS, type RegistrationParam } from '../src/cases/case-registration-sql.js';
import { quantile } from './report.js';

/** What pgbench sends for each of REGISTER_CASE_SQL's parameters: a window case with two parties. */
const INTAKE_VALUES: Record<Exclude<RegistrationParam, 'idNumbers' | 'creditCodes' | 'openStatuses'>, string> = {
  caseId: 'gen_random_uuid()',
  courtId: ':court',
  divisionId: ':division',
  caseType: "'民间借贷纠纷'",
  status: "'REGISTERED'",
  claimAmountFen: '1200050',
  claims: "'请求判令被申请人归还借款12000.50元'",
  source: "'WINDOW'",
  externalRef: 'NULL',
  registeredBy: ':clerk',
  registeredAt: 'now()',
  partyIds: 'ARRAY[gen_random_uuid(), gen_random_uuid()]',
  'parties.role': "ARRAY['PLAINTIFF', 'DEFENDANT']",
  'parties.kind': "ARRAY['PERSON', 'ORGANIZATION']",
  'parties.name': "ARRAY['张三', '北京某某科技有限公司']",
  'parties.idNumber': "ARRAY['110198' || :n, NULL]",
  'parties.creditCode': "ARRAY[NULL, '91110199' || :n]",
  'parties.legalRepresentative': "ARRAY[NULL, '李四']",
  'parties.phone': "ARRAY['13800138000', '13900139000']",
  'parties.address': "ARRAY['北京市朝阳区建国路1号', '北京市朝阳区望京街10号']",
  'parties.serviceAddress': "ARRAY[NULL, '北京市朝阳区望京街10号']",
  actorId: ':clerk',
  actorName: "'王立案'",
  subjectType: "'CASE'",
  action: "'CASE_REGISTERED'",
  after: `'{"status": "REGISTERED", "caseType": "民间借贷纠纷", "claimAmountFen": "1200050", "parties": 2, "source": "WINDOW"}'`,
  requestId: 'NULL',
  clientAddress: 'NULL',
  // The procedure (a voluntary case: no number) and the court's settings as the app would have read them.
  procedure: "'VOLUNTARY'",
  trialProcedure: 'NULL',
  filingNumber: 'NULL',
  ownNumberYear: 'NULL',
  courtCode: '(SELECT code FROM courts WHERE id = :court)',
  legacyUntil: '(SELECT legacy_until FROM courts WHERE id = :court)',
  filingNumbers: '(SELECT filing_numbers FROM courts WHERE id = :court)',
};

/** Each placeholder's parameter name. */
const PARAM_AT = new Map(Object.entries(REGISTRATION_PARAMS.at).map(([name, at]) => [at, name]));

/** The app's registration statement itself (src/intake/case-registration.ts) with pgbench's values in place. */
export const INTAKE_TRANSACTION = `\\set n random(1, 999999999)
${REGISTER_CASE_SQL.trim().replace(/\$\d+/g, (at) => INTAKE_VALUES[PARAM_AT.get(at) as keyof typeof INTAKE_VALUES])};
`;

/** pgbench from PATH or a PostgreSQL installation, or undefined. */
export function findPgbench(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v pgbench'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, 'bin', 'pgbench')).find((p) => existsSync(p));
}

/** Installs Debian's PostgreSQL client (which has pgbench) when we are root on a Debian-like system. */
export function installPgbench(log: (line: string) => void): string | undefined {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return undefined;
  log('pgbench not found: apt-get install -y postgresql-client ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', 'postgresql-client'], { env, stdio: 'ignore' });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update'], { env, stdio: 'ignore' });
    result = spawnSync('apt-get', ['install', '-y', 'postgresql-client'], { env, stdio: 'ignore' });
  }
  return result.status === 0 ? findPgbench() : undefined;
}

export interface PgbenchResult {
  tps: number;
  p50: number;
  p99: number;
  transactions: number;
  command: string;
}

export interface PgbenchOptions {
  pgbench: string;
  databaseUrl: string;
  clients: number;
  seconds: number;
  variables: Record<string, string>;
}

/** Parses "tps = 1234.56 (without initial connection time)". */
export function parseTps(output: string): number {
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (!match) throw new Error(`pgbench printed no tps:\n${output}`);
  return Number(match[1]);
}

/** Latencies in ms from pgbench per-transaction logs ("client tx latency_us script epoch us"). */
export function parseLatencies(logText: string): number[] {
  return logText
    .split('\n')
    .filter(Boolean)
    .map((line) => Number(line.split(' ')[2]) / 1000);
}

export function runPgbench(options: PgbenchOptions): PgbenchResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pgbench-'));
  try {
    const script = path.join(dir, 'intake.sql');
    writeFileSync(script, INTAKE_TRANSACTION);
    const url = new URL(options.databaseUrl);
    const args = [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(options.clients),
      '-j',
      '2',
      '-T',
      String(options.seconds),
      '-f',
      script,
      '-l',
      `--log-prefix=${path.join(dir, 'log')}`,
      ...Object.entries(options.variables).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    ];
    const result = spawnSync(options.pgbench, args, {
      encoding: 'utf8',
      env: {
        ...process.env,
        PGHOST: url.hostname,
        PGPORT: url.port,
        PGUSER: decodeURIComponent(url.username),
        PGPASSWORD: decodeURIComponent(url.password),
        PGDATABASE: url.pathname.slice(1),
        // The app's sessions run as mediation_app: so do these.
        PGOPTIONS: '-c role=mediation_app',
      },
    });
    if (result.status !== 0) throw new Error(`pgbench failed: ${result.stderr}\n${result.stdout}`);
    const latencies = readdirSync(dir)
      .filter((f) => f.startsWith('log.'))
      .flatMap((f) => parseLatencies(readFileSync(path.join(dir, f), 'utf8')));
    return {
      tps: parseTps(result.stdout),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      transactions: latencies.length,
      command: `pgbench -n -M prepared -c ${options.clients} -j 2 -T ${options.seconds} -f intake.sql -l`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
