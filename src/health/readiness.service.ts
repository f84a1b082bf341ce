import { Injectable } from '@nestjs/common';
import { migrations } from '../../migrations/index.js';
import { DrainState } from './drain-state.js';
import { HealthQueries } from './health-queries.js';

type MigrationState = 'current' | 'pending' | 'newer' | 'unknown';

interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  /** pending: the code has migrations the database lacks; newer: the database has ones this code does not know. */
  migrations: MigrationState;
  draining: boolean;
}

const CODE_MIGRATIONS = migrations.map((M) => new M().name ?? M.name);

/** Whether this instance should get traffic: database reachable, schema as the code expects, not shutting down. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly queries: HealthQueries,
    private readonly drain: DrainState,
  ) {}

  async check(): Promise<Readiness> {
    const draining = this.drain.draining;
    let applied: string[];
    try {
      applied = await this.queries.appliedMigrations();
    } catch {
      const reachable = await this.queries.ping().then(
        () => true,
        () => false,
      );
      return { ready: false, database: reachable ? 'ok' : 'unreachable', migrations: 'unknown', draining };
    }
    const state = migrationState(applied);
    return { ready: state === 'current' && !draining, database: 'ok', migrations: state, draining };
  }
}

function migrationState(applied: readonly string[], code: readonly string[] = CODE_MIGRATIONS): MigrationState {
  const inDatabase = new Set(applied);
  if (code.some((name) => !inDatabase.has(name))) return 'pending';
  const inCode = new Set(code);
  return applied.some((name) => !inCode.has(name)) ? 'newer' : 'current';
}
