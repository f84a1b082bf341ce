// Named reads of the health checks (SQL): functions taking a manager, and `HealthQueries` offering them on the data
// source to the health endpoints and the readiness check.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Answers when the database does (rejects when it is unreachable). */
export async function pingDatabase(m: EntityManager): Promise<void> {
  await m.query('SELECT 1');
}

/** The names of the migrations the database has applied (rejects when the table is missing or unreachable). */
export async function findAppliedMigrations(m: EntityManager): Promise<string[]> {
  const rows: { name: string }[] = await m.query('SELECT name FROM migrations');
  return rows.map((row) => row.name);
}

@Injectable()
export class HealthQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  ping(): Promise<void> {
    return pingDatabase(this.dataSource.manager);
  }

  appliedMigrations(): Promise<string[]> {
    return findAppliedMigrations(this.dataSource.manager);
  }
}
