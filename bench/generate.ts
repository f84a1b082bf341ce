// bench/generate: fills an empty, migrated database with N cases across several
// courts (their staff from the demo's seedCourt), the roster, parties, sessions,
// outcomes, consultation letters and the history. Set-based SQL on one
// connection; secondary indexes and foreign keys are rebuilt after the load
// (one sort and one join each instead of a lookup per row), then VACUUM ANALYZE.
//
//   DATABASE_URL=postgres://owner@host/db node dist/bench/generate.js --cases 100000 --seed 1
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { pathToFileURL } from 'node:url';
import { chinaDate } from '../src/common/china-time.js';
import { Court } from '../src/courts/court.entity.js';
import { Division } from '../src/courts/division.entity.js';
import { SnakeNamingStrategy } from '../src/database/snake-naming.strategy.js';
import { seedCourt, type SeededCourt } from '../src/demo/demo-seed.js';
import { configuredCaseTypes } from '../src/cases/case-types.js';
import { User } from '../src/auth/user.entity.js';
import { dateFlag, intFlag, parseFlags } from './args.js';
import { areaCode, BENCH_COURTS, usernamePrefix, type BenchCourt } from './courts.js';
import { generationSteps, LOADED_TABLES, type GenerationParams } from './generate-sql.js';
import { MAX_SEED } from './random.js';

/** Password of every generated account (a benchmark database holds no real people). */
export const BENCH_PASSWORD = 'Bench-pass-2026';

export interface GenerateOptions {
  cases: number;
  seed: number;
  courts: number;
  asOf: string;
  log?: (line: string) => void;
}

export interface GenerateReport {
  params: GenerationParams;
  seconds: number;
  steps: { name: string; seconds: number; rows: number }[];
  rows: Record<string, number>;
}

export function defaultGenerateOptions(argv: string[]): GenerateOptions {
  const flags = parseFlags(argv);
  return {
    cases: intFlag(flags, 'cases', 1_000_000, 100, 20_000_000),
    seed: intFlag(flags, 'seed', 20261, 0, MAX_SEED),
    courts: intFlag(flags, 'courts', 5, 1, BENCH_COURTS.length),
    asOf: dateFlag(flags, 'as-of', chinaDate(new Date())),
  };
}

/** Roster size grows with the case load: about 500 cases a mediator (some 25 open at a time), 15 per organization. */
export function rosterSize(casesPerCourt: number): { mediators: number; organizations: number } {
  const mediators = Math.min(2000, Math.max(10, Math.ceil(casesPerCourt / 500)));
  return { mediators, organizations: Math.max(2, Math.ceil(mediators / 15)) };
}

export async function generate(databaseUrl: string, options: GenerateOptions): Promise<GenerateReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const roster = rosterSize(Math.ceil(options.cases / options.courts));
  const params: GenerationParams = {
    seed: options.seed,
    cases: options.cases,
    courts: options.courts,
    asOf: options.asOf,
    mediatorsPerCourt: roster.mediators,
    organizationsPerCourt: roster.organizations,
    caseTypes: configuredCaseTypes().map((t) => ({ name: t.name, financial: t.category === 'FINANCIAL' })),
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ count }] = (await client.query('SELECT count(*)::int AS count FROM cases')).rows;
    if (count > 0) throw new Error(`the database already has ${count} cases: generate into an empty one`);
    const courts = BENCH_COURTS.slice(0, options.courts);
    const seeded = await seedCourts(databaseUrl, courts);
    await prepareSession(client);
    await loadCourtTable(client, courts, seeded);
    const steps = await withIndexesRebuiltAfter(client, log, () => runSteps(client, params, log));
    log('VACUUM ANALYZE ...');
    const vacuumStart = Date.now();
    await client.query('VACUUM (ANALYZE)');
    steps.push({ name: 'VACUUM ANALYZE', seconds: (Date.now() - vacuumStart) / 1000, rows: 0 });
    return { params, seconds: (Date.now() - started) / 1000, steps, rows: await countRows(client) };
  } finally {
    await client.end();
  }
}

/** The courts with their divisions and one user per role, exactly as the demo makes them. */
async function seedCourts(databaseUrl: string, courts: BenchCourt[]): Promise<SeededCourt[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    entities: [Court, Division, User],
    namingStrategy: new SnakeNamingStrategy(),
  });
  await dataSource.initialize();
  try {
    const seeded: SeededCourt[] = [];
    for (const court of courts) {
      seeded.push(
        await seedCourt(dataSource, {
          code: court.code,
          name: court.name,
          population: court.population,
          usernamePrefix: usernamePrefix(court),
          password: BENCH_PASSWORD,
        }),
      );
    }
    return seeded;
  } finally {
    await dataSource.destroy();
  }
}

async function prepareSession(client: pg.Client): Promise<void> {
  // Bulk-load settings for this session only.
  await client.query(`SET TIME ZONE 'UTC'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET max_parallel_maintenance_workers = 2`);
}

async function loadCourtTable(client: pg.Client, courts: BenchCourt[], seeded: SeededCourt[]): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE bench_courts (
      idx int PRIMARY KEY, court_id uuid, code text, district text, area text, prefix text,
      filing_division uuid, trial_division uuid, clerk uuid, coordinator uuid, judge uuid, enforcer uuid,
      mediator_user uuid, password_hash text)`);
  for (const [idx, s] of seeded.entries()) {
    await client.query(
      `INSERT INTO bench_courts VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        idx,
        s.court.id,
        courts[idx].code,
        courts[idx].district,
        areaCode(courts[idx]),
        usernamePrefix(courts[idx]),
        s.divisions['立案庭'].id,
        s.divisions['民一庭'].id,
        s.users.clerk.id,
        s.users.coordinator.id,
        s.users.judge.id,
        s.users.enforcer.id,
        s.users.mediator.id,
        s.users.clerk.passwordHash,
      ],
    );
  }
}

async function runSteps(client: pg.Client, params: GenerationParams, log: (line: string) => void) {
  const steps: GenerateReport['steps'] = [];
  for (const step of generationSteps(params)) {
    const start = Date.now();
    const result = await client.query(step.sql);
    const rows = Array.isArray(result) ? 0 : (result.rowCount ?? 0);
    const seconds = (Date.now() - start) / 1000;
    steps.push({ name: step.name, seconds, rows });
    log(`${step.name}: ${rows} rows in ${seconds.toFixed(1)} s`);
  }
  return steps;
}

/**
 * Drops the loaded tables' secondary indexes and foreign keys, runs `load`, and
 * puts them back as they were (definitions read from the catalog): building an
 * index once and checking a foreign key with one join beats doing both per row.
 * Unique indexes and foreign keys are enforced when they are put back.
 */
async function withIndexesRebuiltAfter<T extends GenerateReport['steps']>(
  client: pg.Client,
  log: (line: string) => void,
  load: () => Promise<T>,
): Promise<T> {
  const tables = LOADED_TABLES;
  const foreignKeys = (
    await client.query(
      `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY conname`,
      [tables],
    )
  ).rows as { tbl: string; conname: string; def: string }[];
  const indexes = (
    await client.query(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index i
       WHERE indrelid = ANY($1::regclass[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1`,
      [tables],
    )
  ).rows as { name: string; def: string }[];
  for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.conname}`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  const restore = async (steps: GenerateReport['steps']) => {
    const start = Date.now();
    for (const index of indexes) await client.query(index.def);
    steps.push({ name: `build ${indexes.length} indexes`, seconds: (Date.now() - start) / 1000, rows: 0 });
    log(`indexes rebuilt in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    const fkStart = Date.now();
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.conname} ${fk.def}`);
    steps.push({ name: `check ${foreignKeys.length} foreign keys`, seconds: (Date.now() - fkStart) / 1000, rows: 0 });
    log(`foreign keys checked in ${((Date.now() - fkStart) / 1000).toFixed(1)} s`);
  };
  let steps: T;
  try {
    steps = await load();
  } catch (error) {
    // Each step is one statement, so a failed one left nothing behind: put the schema back whole.
    await restore([]).catch(() => undefined);
    throw error;
  }
  await restore(steps);
  return steps;
}

async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of ['courts', 'users', 'mediation_organizations', 'mediators', ...LOADED_TABLES]) {
    rows[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  return rows;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL (an owner connection to a migrated, empty database) is required');
  const options = { ...defaultGenerateOptions(process.argv.slice(2)), log: (line: string) => console.log(line) };
  const report = await generate(databaseUrl, options);
  console.log(
    `generated ${options.cases} cases (seed ${options.seed}, as of ${options.asOf}) in ${report.seconds.toFixed(0)} s`,
  );
  console.table(report.rows);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
