// bench/run: a throwaway embedded PostgreSQL, the migrations, N generated cases,
// the built app in production mode as a child process, autocannon over
// loopback, pgbench as the intake ceiling, and the in-process measurements.
// Prints one table; every figure has a baseline measured in the same run.
//
//   npm run bench -- --cases 100000 [--seed 20261] [--courts 5] [--seconds 15] [--keep] [--data-only]
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { RequestSpec } from 'autocannon';
import pg from 'pg';
import { API, loadFixture, login, startApp, stopApp, type Fixture } from './app-process.js';
import { runMigrations } from '../src/database/database.js';
import { EmbeddedPostgres, type DatabaseUrls } from '../src/database/embedded-postgres.js';
import { intFlag, parseFlags, scriptNodeOptions } from './args.js';
import { BATCH_ROWS, batchImportMetrics, measureBatchImport, type BatchImportFigures } from './batch-import.js';
import { BULK_CASES, bulkStepMetrics, measureBulkNotices, type BulkStepFigures } from './bulk-steps.js';
import {
  DOCUMENT_DOWNLOADS,
  documentDelayMetrics,
  measureDocumentDelay,
  type DocumentDelayFigures,
} from './document-delay.js';
import { exchangeMetrics, IMPORT_ROWS, measureExchange, PACKAGE_FILES, type ExchangeFigures } from './case-exchange.js';
import { intakeBody } from './bodies.js';
import { measureProcedureSteps, procedureStepMetrics, PROCEDURE_CASES, type StepTimes } from './procedure-steps.js';
import { instancesMetrics, measureInstances, type InstancesFigures } from './instances.js';
import { BENCH_COURTS, usernamePrefix } from './courts.js';
import { defaultGenerateOptions, generate, type GenerateOptions } from './generate.js';
import { measureDeadlineScan, measureStatisticsSql, reportMonth } from './in-process.js';
import {
  rotatingGet,
  rotatingPost,
  RssSampler,
  runLoad,
  runPaced,
  combineRounds,
  withCpuPerRequest,
  type LoadResult,
} from './load.js';
import { summariseProfile, renderShares, type CpuProfile } from './profile.js';
import { findPgbench, installPgbench, runPgbench, type PgbenchResult } from './pgbench.js';
import { megabytes, ms, perSecond, quantile, ratio, renderNotes, renderTable, type Metric } from './report.js';
import { mulberry32, randomInt } from './random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface RunOptions extends GenerateOptions {
  seconds: number;
  intakeConnections: number;
  readConnections: number;
  /** Offered load of the read latency runs (req/s), evenly spaced. */
  readRate: number;
  keep: boolean;
  /** Only build the data (migrations, generation, VACUUM ANALYZE) and keep the work dir; measure nothing. */
  dataOnly: boolean;
  /** CPU-profile the app (node --cpu-prof) and print where its time went. */
  profile: boolean;
  /** Node options for the app: by default those of `npm run start:prod` (package.json), i.e. as deployed. */
  appNodeOptions: string[];
}

function log(line: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function productionNodeOptions(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return scriptNodeOptions(manifest.scripts['start:prod']);
}

function runOptions(argv: string[]): RunOptions {
  const flags = parseFlags(argv);
  return {
    ...defaultGenerateOptions(argv),
    seconds: intFlag(flags, 'seconds', 15, 3, 600),
    intakeConnections: intFlag(flags, 'connections', 32, 1, 256),
    readConnections: intFlag(flags, 'read-connections', 8, 1, 256),
    readRate: intFlag(flags, 'read-rate', 200, 1, 100_000),
    keep: flags.keep === 'true' || flags['data-only'] === 'true',
    dataOnly: flags['data-only'] === 'true',
    profile: flags.profile === 'true',
    appNodeOptions:
      flags['app-node-options'] !== undefined
        ? flags['app-node-options'].split(' ').filter(Boolean)
        : productionNodeOptions(),
  };
}

/** PostgreSQL settings of a small production server (the embedded defaults are for a laptop demo). */
async function tunePostgres(embedded: EmbeddedPostgres, urls: DatabaseUrls): Promise<DatabaseUrls> {
  const client = new pg.Client({ connectionString: urls.ownerUrl });
  await client.connect();
  for (const setting of [
    "shared_buffers = '2GB'",
    "max_wal_size = '8GB'",
    "checkpoint_timeout = '30min'",
    "effective_cache_size = '12GB'",
  ]) {
    await client.query(`ALTER SYSTEM SET ${setting}`);
  }
  await client.end();
  await embedded.stop();
  return embedded.start();
}

/** Routes the running app serves (from its OpenAPI document), to measure what has landed. */
async function servedRoutes(baseUrl: string, token: string): Promise<Set<string>> {
  // The document is for logged-in users only (src/app.factory.ts).
  const response = await fetch(`${baseUrl}/api/docs-json`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /api/docs-json answered ${response.status}`);
  const doc = (await response.json()) as { paths: Record<string, object> };
  return new Set(
    Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`)),
  );
}

/** A read endpoint at a fixed offered rate (its latency) and as fast as it answers (its capacity). */
interface ReadFigures {
  paced: LoadResult;
  capacity: LoadResult & { cpuPerRequest: number };
}

interface HttpFigures {
  idleRssKb: number;
  peakRssKb: number;
  peakBeforeIntakeKb: number;
  intakePeakKb: number;
  health: ReadFigures;
  casePage: ReadFigures;
  events: ReadFigures;
  worklist?: ReadFigures;
  /** The month page with the compared months (环比, 同比) still open: both computed live, the worst case. */
  statistics?: LoadResult;
  /** The same page after those months are closed, as early in the next month: their frozen figures are read. */
  statisticsClosed?: LoadResult;
  exportFigures?: ExportFigures;
  batchImport?: BatchImportFigures;
  bulkNotices?: BulkStepFigures;
  procedureSteps?: StepTimes;
  documents?: DocumentDelayFigures;
  exchange?: ExchangeFigures;
  intake: LoadResult & { cpuPerRequest: number };
  pgbench?: PgbenchResult;
  loadAverage: string;
  pgbenchMissing?: string;
}

/**
 * A court closes each month early in the next (月度关账): the months the report month is compared with, the one
 * before (环比) and the same month a year before (同比), are closed before the statistics phase, so the answer
 * reads their frozen figures as it does in production, not two more live computations. A month already closed
 * (a kept work directory) or not ended is left as it is and said in the log.
 */
async function closeComparedMonths(baseUrl: string, token: string, month: string): Promise<void> {
  const previous = reportMonth(`${month}-01`);
  const yearBefore = `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
  for (const closing of [previous, yearBefore]) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${API}/statistics/monthly/${closing}/close`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const answer = response.ok ? 'closed' : `not closed (${response.status} ${(await response.text()).slice(0, 120)})`;
    log(`month close ${closing}: ${answer} in ${(performance.now() - started).toFixed(0)} ms`);
  }
}

async function measureHttp(
  databaseUrl: string,
  jwtSecret: string,
  options: RunOptions,
  workDir: string,
  fixture: Fixture,
) {
  const profileDir = options.profile ? path.join(workDir, 'profile') : undefined;
  const { child, baseUrl } = await startApp(
    databaseUrl,
    jwtSecret,
    path.join(workDir, 'app.log'),
    options.appNodeOptions,
    profileDir,
  );
  const rss = new RssSampler(child.pid!);
  try {
    const prefix = usernamePrefix(BENCH_COURTS[0]);
    const clerk = await login(baseUrl, `${prefix}clerk`);
    const statistician = await login(baseUrl, `${prefix}statistician`);
    const routes = await servedRoutes(baseUrl, clerk);
    const next = mulberry32(options.seed);
    const anyCase = () => fixture.caseIds[randomInt(next, fixture.caseIds.length)];
    const load = (connections: number, request: RequestSpec) =>
      runLoad({ baseUrl, connections, seconds: options.seconds, request });

    log('warm-up (health, case pages) ...');
    await runLoad({ baseUrl, connections: options.readConnections, seconds: 3, request: rotatingGet(() => '/health') });
    await runLoad({
      baseUrl,
      connections: options.readConnections,
      seconds: 3,
      request: rotatingGet(() => `${API}/cases/${anyCase()}`, clerk),
    });
    const idleRssKb = rss.sample();

    const targets: ReadTarget[] = [
      { name: 'GET /health', path: () => '/health' },
      { name: 'GET /cases/:id', path: () => `${API}/cases/${anyCase()}`, token: clerk },
      { name: 'GET /cases/:id/events', path: () => `${API}/cases/${anyCase()}/events`, token: clerk },
    ];
    if (routes.has(`GET ${API}/cases`)) {
      const statuses = [
        'REGISTERED',
        'NOTICE_ISSUED',
        'REFERRED',
        'ASSIGNED',
        'IN_MEDIATION',
        'SETTLED',
        'TRANSFERRED',
      ];
      const status = () => statuses[randomInt(next, statuses.length)];
      targets.push({ name: 'GET /cases?status=', path: () => `${API}/cases?status=${status()}`, token: clerk });
    }
    const [health, casePage, events, worklist] = await measureReads(targets, baseUrl, child.pid!, options);
    const month = reportMonth(options.asOf);
    let statistics: LoadResult | undefined;
    let statisticsClosed: LoadResult | undefined;
    if (routes.has(`GET ${API}/statistics/monthly`)) {
      const by = ['', '&by=mediator', '&by=organization', '&by=caseType'];
      const monthPage = () => {
        let i = 0;
        return load(
          1,
          rotatingGet(() => `${API}/statistics/monthly?month=${month}${by[i++ % by.length]}`, statistician),
        );
      };
      // Measured as before first (compared months open, the row the earlier tables have), then as a court reads it
      // once it has closed them.
      log('GET /statistics/monthly at 1 connection, compared months open ...');
      statistics = await monthPage();
      await closeComparedMonths(baseUrl, statistician, month);
      log('GET /statistics/monthly at 1 connection, compared months closed ...');
      statisticsClosed = await monthPage();
    }
    let exportFigures: ExportFigures | undefined;
    if (routes.has(`GET ${API}/statistics/monthly/export`)) {
      log('GET /statistics/monthly/export?format=xlsx, 10 times ...');
      exportFigures = await measureExport(
        baseUrl,
        `${API}/statistics/monthly/export?month=${month}&format=xlsx`,
        statistician,
        rss,
      );
    }

    let batchImport: BatchImportFigures | undefined;
    if (routes.has(`POST ${API}/cases/batches`)) {
      log(`POST /cases/batches, ${BATCH_ROWS} rows of XLSX, 3 times ...`);
      batchImport = await measureBatchImport(baseUrl, clerk, rss);
    }

    let bulkNotices: BulkStepFigures | undefined;
    if (routes.has(`POST ${API}/cases/batches/{id}/notices`)) {
      log(`POST /cases/batches/:id/notices over a ${BULK_CASES}-case batch ...`);
      bulkNotices = await measureBulkNotices(baseUrl, clerk);
    }

    let procedureSteps: StepTimes | undefined;
    if (routes.has(`POST ${API}/cases/{id}/receipt`) && options.courts > 1) {
      log(`the 2025 procedure's steps over ${PROCEDURE_CASES} cases of a second court, one at a time ...`);
      procedureSteps = await measureProcedureSteps(baseUrl, fixture.known, options.asOf);
    }

    let documents: DocumentDelayFigures | undefined;
    if (routes.has(`POST ${API}/cases/{id}/notices`)) {
      log(`worklist alone and during ${DOCUMENT_DOWNLOADS} parallel downloads of a 50-party notice PDF ...`);
      documents = await measureDocumentDelay(baseUrl, clerk, rss, options.seconds);
    }

    let exchange: ExchangeFigures | undefined;
    if (routes.has(`POST ${API}/cases/imports`) && options.courts >= 2) {
      log(
        `POST /cases/imports, ${IMPORT_ROWS} rows of XLSX twice; GET /cases/:id/file-package with ${PACKAGE_FILES} x 2 MB ...`,
      );
      const second = usernamePrefix(BENCH_COURTS[1]);
      exchange = await measureExchange(
        baseUrl,
        BENCH_COURTS[1],
        { admin: await login(baseUrl, `${second}admin`), clerk: await login(baseUrl, `${second}clerk`) },
        rss,
      );
    }

    let pgbench: PgbenchResult | undefined;
    let pgbenchMissing: string | undefined;
    const pgbenchPath = findPgbench() ?? installPgbench(log);
    if (pgbenchPath) {
      log(`pgbench intake transaction at ${options.intakeConnections} clients ...`);
      pgbench = runPgbench({
        pgbench: pgbenchPath,
        databaseUrl,
        clients: options.intakeConnections,
        seconds: options.seconds,
        variables: { court: fixture.courtId, division: fixture.divisionId, clerk: fixture.clerkId },
      });
    } else {
      pgbenchMissing = 'pgbench not found: install it with `apt-get install -y postgresql-client` (Debian)';
      log(pgbenchMissing);
    }
    log(`POST /cases at ${options.intakeConnections} connections ...`);
    let n = 0;
    const peakBeforeIntakeKb = rss.overallPeak();
    rss.restart();
    const intake = await withCpuPerRequest(child.pid!, () =>
      load(
        options.intakeConnections,
        rotatingPost(`${API}/cases`, () => intakeBody(n++, next, fixture.known), clerk),
      ),
    );
    const figures: HttpFigures = {
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      idleRssKb,
      peakRssKb: rss.overallPeak(),
      peakBeforeIntakeKb,
      intakePeakKb: rss.peak(),
      health,
      casePage,
      events,
      worklist,
      statistics,
      statisticsClosed,
      exportFigures,
      batchImport,
      bulkNotices,
      procedureSteps,
      documents,
      exchange,
      intake,
      pgbench,
      pgbenchMissing,
    };
    return figures;
  } finally {
    rss.stop();
    await stopApp(child);
    if (profileDir) printProfile(profileDir);
  }
}

/** Layout 3 of docs/deploy.md (bench/instances.ts): the clerk's worklist and intake through nginx, 1 and 2 instances. */
function measureEveryCore(
  databaseUrl: string,
  jwtSecret: string,
  options: RunOptions,
  workDir: string,
  fixture: Fixture,
): Promise<InstancesFigures> {
  const next = mulberry32(options.seed + 1);
  // New identities beyond those of the single instance's intake run.
  let n = 10_000_000;
  const statuses = ['REGISTERED', 'NOTICE_ISSUED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'TRANSFERRED'];
  return measureInstances({
    databaseUrl,
    jwtSecret,
    workDir,
    nodeOptions: options.appNodeOptions,
    seconds: options.seconds,
    readConnections: options.readConnections,
    intakeConnections: options.intakeConnections,
    requests: async (baseUrl) => {
      const clerk = await login(baseUrl, `${usernamePrefix(BENCH_COURTS[0])}clerk`);
      return {
        health: rotatingGet(() => '/health'),
        worklist: rotatingGet(() => `${API}/cases?status=${statuses[randomInt(next, statuses.length)]}`, clerk),
        intake: rotatingPost(`${API}/cases`, () => intakeBody(n++, next, fixture.known), clerk),
      };
    },
  });
}

function printProfile(dir: string): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const summary = summariseProfile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile);
    console.log(`\nCPU profile of the app (${path.join(dir, file)}), self time:`);
    console.log(renderShares('by package', summary.byPackage));
    console.log(renderShares('by function', summary.byFunction));
  }
}

interface ExportFigures {
  medianMs: number;
  bytes: number;
  beforeKb: number;
  peakKb: number;
  failures: number;
}

/** Downloads the month's workbook 10 times in a row; the app's RSS peak during them against just before. */
async function measureExport(baseUrl: string, path: string, token: string, rss: RssSampler): Promise<ExportFigures> {
  const times: number[] = [];
  let bytes = 0;
  let failures = 0;
  const beforeKb = rss.restart();
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await response.arrayBuffer();
    times.push(performance.now() - start);
    bytes = body.byteLength;
    if (!response.ok) failures++;
  }
  return { medianMs: quantile(times, 0.5), bytes, beforeKb, peakKb: rss.peak(), failures };
}

interface ReadTarget {
  name: string;
  path: () => string;
  token?: string;
}

const READ_ROUNDS = 3;

/**
 * Latency of each read at the paced rate, in rounds that take the targets in
 * turn (so the baseline and the pages meet the same noise on a shared machine;
 * the median round's p99 counts), then each one's capacity at full speed.
 */
async function measureReads(targets: ReadTarget[], baseUrl: string, pid: number, options: RunOptions) {
  const rounds: LoadResult[][] = targets.map(() => []);
  const seconds = Math.max(2, Math.round(options.seconds / READ_ROUNDS));
  for (let round = 1; round <= READ_ROUNDS; round++) {
    log(`paced reads at ${options.readRate} req/s, round ${round} of ${READ_ROUNDS} ...`);
    for (const [i, t] of targets.entries()) {
      rounds[i].push(await runPaced({ baseUrl, rate: options.readRate, seconds, path: t.path, token: t.token }));
    }
  }
  const figures: ReadFigures[] = [];
  for (const [i, t] of targets.entries()) {
    log(`${t.name} at ${options.readConnections} connections as fast as answered ...`);
    const capacity = await withCpuPerRequest(pid, () =>
      runLoad({
        baseUrl,
        connections: options.readConnections,
        seconds: options.seconds,
        request: rotatingGet(t.path, t.token),
      }),
    );
    figures.push({ paced: combineRounds(rounds[i]), capacity });
  }
  return figures;
}

/** Flat memory: the app's RSS while exporting stays within 50 MB of what it was before. */
function exportMetric(e: ExportFigures | undefined, o: RunOptions): Metric {
  if (!e) {
    return {
      metric: 'xlsx export of the month, memory',
      value: 'pending',
      baseline: '-',
      ratio: null,
      target: 'flat memory',
      pass: null,
    };
  }
  const growthKb = Math.max(0, e.peakKb - e.beforeKb);
  return {
    metric: 'xlsx export of the month, RSS growth',
    value: `+${megabytes(growthKb)}`,
    baseline: `${megabytes(e.beforeKb)} (RSS before)`,
    ratio: ratio(e.peakKb, e.beforeKb),
    target: 'flat: <= +50 MB',
    pass: growthKb <= 50 * 1024 && e.failures === 0,
    how:
      `10 downloads of ${API}/statistics/monthly/export?month=${reportMonth(o.asOf)}&format=xlsx in a row: ` +
      `median ${ms(e.medianMs)}, ${(e.bytes / 1024).toFixed(0)} KB each, ${e.failures} failed`,
  };
}

function httpMetrics(f: HttpFigures, o: RunOptions): Metric[] {
  const health = f.health.paced;
  /** The month page's p99 against /health; `how` says how it was loaded, the counts follow. */
  const monthPage = (which: string, r: LoadResult, how: string): Metric => ({
    metric: `monthly statistics GET /statistics/monthly p99 (${which})`,
    value: ms(r.p99),
    baseline: `${ms(health.p99)} (/health)`,
    ratio: ratio(r.p99, health.p99),
    target: '<= 500 ms',
    pass: r.p99 <= 500 && r.failures === 0,
    how: `${how}: p50 ${ms(r.p50)}, ${r.total} requests, ${r.failures} failed`,
  });
  const read = (name: string, r: ReadFigures | undefined, how: string): Metric =>
    r
      ? {
          metric: `${name} p99 at ${o.readRate} req/s`,
          value: ms(r.paced.p99),
          baseline: `${ms(health.p99)} (/health)`,
          ratio: ratio(r.paced.p99, health.p99),
          target: '<= 20 ms',
          pass: r.paced.p99 <= 20 && r.paced.failures === 0,
          how:
            `${how}, ${o.readRate} req/s evenly spaced (bench/load.ts runPaced), median of ${READ_ROUNDS} rounds: p50 ${ms(r.paced.p50)}, ` +
            `max ${ms(r.paced.max)}, ${r.paced.failures} failed of ${r.paced.total}; capacity with autocannon at ` +
            `${o.readConnections} connections: ${perSecond(r.capacity.throughput)} (/health ` +
            `${perSecond(f.health.capacity.throughput)}), p99 there ${ms(r.capacity.p99)}; app CPU ` +
            `${ms(r.capacity.cpuPerRequest)}/request (/health ${ms(f.health.capacity.cpuPerRequest)})`,
        }
      : { metric: `${name} p99`, value: 'pending', baseline: '-', ratio: null, target: '<= 20 ms', pass: null };
  const pg = f.pgbench;
  const intakeHow =
    `autocannon POST ${API}/cases, ${o.intakeConnections} connections, ${o.seconds} s, bodies from bench/bodies.ts: ` +
    `${f.intake.failures} failed of ${f.intake.total}, app CPU ${ms(f.intake.cpuPerRequest)}/request; ` +
    `load average after the HTTP phases ${f.loadAverage}`;
  return [
    {
      metric: `GET /health p99 at ${o.readRate} req/s`,
      value: ms(health.p99),
      baseline: '-',
      ratio: null,
      target: 'baseline',
      pass: null,
      how: `GET /health paced like the rows below: p50 ${ms(health.p50)}; capacity at ${o.readConnections} connections ${perSecond(f.health.capacity.throughput)}, p99 there ${ms(f.health.capacity.p99)}`,
    },
    {
      metric: `intake POST /cases throughput (${o.intakeConnections} conn.)`,
      value: perSecond(f.intake.throughput),
      baseline: pg ? `${perSecond(pg.tps)} (pgbench)` : 'not measured',
      ratio: ratio(f.intake.throughput, pg?.tps),
      target: '>= 0.60 x pgbench',
      pass: pg ? f.intake.throughput >= 0.6 * pg.tps && f.intake.failures === 0 : null,
      how: `${intakeHow}; baseline: ${pg ? `${pg.command} (bench/pgbench.ts INTAKE_TRANSACTION, role mediation_app)` : f.pgbenchMissing}`,
    },
    {
      metric: `intake POST /cases p99 (${o.intakeConnections} conn.)`,
      value: ms(f.intake.p99),
      baseline: pg ? `${ms(pg.p99)} (pgbench)` : 'not measured',
      ratio: ratio(f.intake.p99, pg?.p99),
      target: '<= 50 ms',
      pass: f.intake.p99 <= 50,
      how: `same run; pgbench p99 from its per-transaction log`,
    },
    read('worklist GET /cases?status=', f.worklist, `autocannon GET ${API}/cases?status=<rotating>`),
    read('case page GET /cases/:id', f.casePage, `autocannon GET ${API}/cases/<one of 5000 sampled ids>`),
    read('history GET /cases/:id/events', f.events, `autocannon GET ${API}/cases/<id>/events`),
    f.statistics
      ? monthPage(
          'compared months open',
          f.statistics,
          `autocannon GET ${API}/statistics/monthly?month=${reportMonth(o.asOf)} (whole court, then by=mediator, ` +
            `organization, caseType in turn), 1 connection, ${o.seconds} s`,
        )
      : {
          metric: 'monthly statistics over HTTP',
          value: 'pending',
          baseline: '-',
          ratio: null,
          target: '<= 500 ms',
          pass: null,
          how: 'the statistics module is not in this build; see the SQL row below',
        },
    ...(f.statisticsClosed
      ? [
          monthPage(
            'compared months closed',
            f.statisticsClosed,
            'as the row above, after closing the month before and the same month a year before (their frozen ' +
              'figures are read)',
          ),
        ]
      : []),
    exportMetric(f.exportFigures, o),
    ...batchImportMetrics(f.batchImport),
    ...bulkStepMetrics(f.bulkNotices),
    ...procedureStepMetrics(f.procedureSteps),
    ...documentDelayMetrics(f.documents),
    ...exchangeMetrics(f.exchange),
    {
      metric: 'app RSS, peak under load',
      value: megabytes(f.peakRssKb),
      baseline: `${megabytes(f.idleRssKb)} (after warm-up)`,
      ratio: ratio(f.peakRssKb, f.idleRssKb),
      target: '<= 300 MB',
      pass: f.peakRssKb <= 300 * 1024,
      how:
        'VmRSS of the app process (/proc/<pid>/status) sampled every 200 ms through all HTTP phases: ' +
        `peak ${megabytes(f.peakBeforeIntakeKb)} through reads, statistics and export, ` +
        `${megabytes(f.intakePeakKb)} during intake at ${o.intakeConnections} connections`,
    },
  ];
}

async function main(): Promise<void> {
  const options = runOptions(process.argv.slice(2));
  const workDir = mkdtempSync(path.join(tmpdir(), 'mediation-bench-'));
  const started = Date.now();
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  log(
    `${options.cases} cases, seed ${options.seed}, ${options.courts} courts, as of ${options.asOf}; work dir ${workDir}`,
  );
  const embedded = new EmbeddedPostgres({ dataDir: workDir, database: 'bench' });
  let failed = false;
  try {
    // The generator and the fixtures use the owner's login; the app and its measurements the app's own.
    const urls = await tunePostgres(embedded, await embedded.start());
    const databaseUrl = urls.ownerUrl;
    await runMigrations(databaseUrl);
    log('generating ...');
    const generated = await generate(databaseUrl, { ...options, log: (line) => log(`  ${line}`) });
    log(`generated in ${generated.seconds.toFixed(0)} s`);
    if (options.dataOnly) {
      writeFileSync(path.join(workDir, 'generation.json'), JSON.stringify(generated, null, 2));
      return;
    }

    const jwtSecret = randomBytes(32).toString('hex');
    const fixture = await loadFixture(databaseUrl, options.seed);
    const http = await measureHttp(urls.appUrl, jwtSecret, options, workDir, fixture);
    log('two instances behind nginx, beside one ...');
    const instances = await measureEveryCore(urls.appUrl, jwtSecret, options, workDir, fixture);
    log('statistics SQL ...');
    const stats = await measureStatisticsSql(urls.appUrl, fixture.courtId, options.asOf);
    log('deadline scan ...');
    const scan = await measureDeadlineScan(urls, jwtSecret, options.asOf);

    const metrics: Metric[] = [
      ...httpMetrics(http, options),
      ...instancesMetrics(instances, options, http.pgbench?.tps),
      {
        metric: `monthly statistics SQL, one court-month (${stats.month})`,
        value: ms(stats.median),
        baseline: `${ms(stats.baseline)} (SELECT 1)`,
        ratio: ratio(stats.median, stats.baseline),
        target: '<= 500 ms',
        pass: stats.median <= 500,
        how: `bench/in-process.ts MONTHLY_TOTALS_SQL + MONTHLY_BY_MEDIATOR_SQL, median of 5 (max ${ms(stats.max)}); indexes: ${stats.indexes.join(', ')}; totals ${JSON.stringify(stats.totals)}`,
      },
      {
        metric: `deadline scan, ${scan.firstRun.expired} due (first run)`,
        value: ms(scan.firstRun.ms),
        baseline: `${ms(scan.baseline)} (2 empty lock tx)`,
        ratio: ratio(scan.firstRun.ms, scan.baseline),
        target: '-',
        pass: null,
        how: `DeadlineScanService.runDeadlineScan in-process, today ${scan.today}: ${scan.dueBefore} open cases past their deadline, expired ${scan.firstRun.expired}, warned ${scan.firstRun.warned}`,
      },
      {
        metric: 'deadline scan, nothing due',
        value: ms(scan.idle.median),
        baseline: `${ms(scan.baseline)} (2 empty lock tx)`,
        ratio: ratio(scan.idle.median, scan.baseline),
        target: '<= 100 ms',
        pass: scan.idle.max <= 100,
        how: `median of 20 runs (max ${ms(scan.idle.max)}); EXPLAIN: due query uses ${scan.indexes.due.join(', ') || 'no index'}, warnings use ${scan.indexes.warnings.join(', ') || 'no index'}`,
      },
    ];
    const table = renderTable(metrics);
    const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${memTotalLine()})`;
    const summary = [
      '',
      `bench: ${options.cases} cases, ${options.courts} courts, seed ${options.seed}, as of ${options.asOf}; ${new Date().toISOString()}; ${machine}` +
        (options.appNodeOptions.length ? `; app node options: ${options.appNodeOptions.join(' ')}` : ''),
      `generation ${generated.seconds.toFixed(0)} s; total ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
        `load average at start ${loadAtStart} (other work on this shared machine shows here)`,
      '',
      table,
      '',
      renderNotes(metrics),
      '',
    ].join('\n');
    console.log(summary);
    writeFileSync(path.join(workDir, 'result.md'), summary);
    writeFileSync(path.join(workDir, 'generation.json'), JSON.stringify(generated, null, 2));
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    await embedded.stop();
    if (options.keep || failed) log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

function memTotalLine(): string {
  return /^MemTotal:.*$/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[0].replace(/\s+/g, ' ') ?? 'MemTotal unknown';
}

void main();
