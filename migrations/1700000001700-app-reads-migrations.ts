import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The readiness check (GET /health/ready) compares the applied migrations with the code's, on the app's
 * own connection: the app role may read TypeORM's migrations table (it was created before the default
 * privileges of the foundation migration existed).
 */
export class AppReadsMigrations1700000001700 implements MigrationInterface {
  name = 'AppReadsMigrations1700000001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`GRANT SELECT ON TABLE migrations TO mediation_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON TABLE migrations FROM mediation_app`);
  }
}
