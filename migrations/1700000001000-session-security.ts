import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the client's address in every history record; a session's last use (idle timeout); the
 * failed logins counted per attempted username; the personal-data reveals counted per person.
 */
export class SessionSecurity1700000001000 implements MigrationInterface {
  name = 'SessionSecurity1700000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN client_address inet`);
    // Unlogged: lost after a crash, which only ends idle sessions a little early.
    await q.query(`
      CREATE UNLOGGED TABLE session_activity (
        jti uuid NOT NULL,
        user_id uuid NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_session_activity PRIMARY KEY (jti)
      )`);
    await q.query(`CREATE INDEX ix_session_activity_expires ON session_activity (expires_at)`);
    await q.query(`
      CREATE INDEX ix_audit_events_login_failures ON audit_events ((after ->> 'username'), occurred_at)
      WHERE action = 'LOGIN_FAILED'`);
    await q.query(`
      CREATE INDEX ix_audit_events_personal_data_views ON audit_events (actor_id, occurred_at)
      WHERE action = 'PERSONAL_DATA_VIEWED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_audit_events_personal_data_views`);
    await q.query(`DROP INDEX ix_audit_events_login_failures`);
    await q.query(`DROP TABLE session_activity`);
    await q.query(`ALTER TABLE audit_events DROP COLUMN client_address`);
  }
}
