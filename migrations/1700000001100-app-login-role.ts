import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The app logs in as `mediation_app` itself (no longer as the owner switching role), so what used to be
 * connection startup parameters become the role's settings, and the app may read which migrations ran
 * (its start-up check that the schema matches the code).
 */
export class AppLoginRole1700000001100 implements MigrationInterface {
  name = 'AppLoginRole1700000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER ROLE mediation_app SET statement_timeout = '30s'`);
    await q.query(`ALTER ROLE mediation_app SET idle_in_transaction_session_timeout = '60s'`);
    await q.query(`ALTER ROLE mediation_app SET timezone = 'UTC'`);
    await q.query(`GRANT SELECT ON migrations TO mediation_app`);
    // Nothing but what the migrations grant: no schema changes, no history changes by any route.
    await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM mediation_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE SELECT ON migrations FROM mediation_app`);
    await q.query(`ALTER ROLE mediation_app RESET timezone`);
    await q.query(`ALTER ROLE mediation_app RESET idle_in_transaction_session_timeout`);
    await q.query(`ALTER ROLE mediation_app RESET statement_timeout`);
  }
}
