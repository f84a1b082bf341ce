import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Courts, divisions, users, the append-only history and the calendar table,
 * plus the least-privilege role `mediation_app` that the running app uses.
 */
export class Foundation1700000000001 implements MigrationInterface {
  name = 'Foundation1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mediation_app') THEN
          CREATE ROLE mediation_app NOLOGIN;
        END IF;
      END $$`);
    // The login role switches to mediation_app on connect (startup option role=mediation_app).
    await q.query(`GRANT mediation_app TO CURRENT_USER`);
    await q.query(`GRANT USAGE ON SCHEMA public TO mediation_app`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO mediation_app`,
    );
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO mediation_app`,
    );

    await q.query(`
      CREATE TABLE courts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        population integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_courts PRIMARY KEY (id),
        CONSTRAINT uq_courts_code UNIQUE (code),
        CONSTRAINT ck_courts_population CHECK (population > 0)
      )`);
    await q.query(`
      CREATE TABLE divisions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_divisions PRIMARY KEY (id),
        CONSTRAINT fk_divisions_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT ck_divisions_kind CHECK (kind IN ('FILING', 'TRIAL', 'ENFORCEMENT', 'MANAGEMENT', 'MEDIATION_CENTER'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_divisions_court_name ON divisions (court_id, name)`);
    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        division_id uuid,
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT uq_users_username UNIQUE (username),
        CONSTRAINT fk_users_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_users_division FOREIGN KEY (division_id) REFERENCES divisions (id),
        CONSTRAINT ck_users_roles CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['CLERK', 'COORDINATOR', 'MEDIATOR', 'JUDGE', 'ENFORCEMENT', 'STATISTICIAN', 'ADMIN']::text[])
      )`);
    await q.query(`CREATE INDEX ix_users_court ON users (court_id)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        court_id uuid,
        actor_id uuid,
        actor_name text,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text,
        CONSTRAINT pk_audit_events PRIMARY KEY (id)
      )`);
    await q.query(`CREATE INDEX ix_audit_events_subject ON audit_events (subject_type, subject_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_audit_events_court_time ON audit_events (court_id, occurred_at)`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM mediation_app`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`
      CREATE TABLE calendar_years (
        year integer NOT NULL,
        holidays date[] NOT NULL,
        makeup_workdays date[] NOT NULL,
        updated_by uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_calendar_years PRIMARY KEY (year),
        CONSTRAINT ck_calendar_years_year CHECK (year BETWEEN 2000 AND 2100)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_years`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE divisions`);
    await q.query(`DROP TABLE courts`);
  }
}
