import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and scheduled sessions (issue 32). A notification about a step is marked done (`done_at`) when the
 * step is taken; the partial index finds a case's or a letter's open ones. A mediation session planned ahead
 * (预约调解), with what became of it: held (linked to the recorded session), moved, or missed. A user's secret
 * calendar feed address, kept as its SHA-256 only.
 */
export class RemindersScheduledSessions1700000002500 implements MigrationInterface {
  name = 'RemindersScheduledSessions1700000002500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN done_at timestamptz`);
    await q.query(`CREATE INDEX ix_notifications_open_subject ON notifications (subject_id, kind)
      WHERE done_at IS NULL`);
    // The reminder scan and the due lists read the cases waiting on a step by status (few of all cases).
    await q.query(`CREATE INDEX ix_cases_waiting_status ON cases (status, court_id)
      WHERE status IN ('NOTICE_ISSUED', 'REFUSED', 'FAILED', 'EXPIRED', 'ASSIGNED')`);
    await q.query(`
      CREATE TABLE scheduled_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        mediator_id uuid NOT NULL,
        mediator_user_id uuid,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        place text,
        video_url text,
        party_ids uuid[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'SCHEDULED',
        held_session_id uuid,
        absent_party_ids uuid[],
        missed_note text,
        moved_count integer NOT NULL DEFAULT 0,
        move_reason text,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_scheduled_sessions PRIMARY KEY (id),
        CONSTRAINT fk_scheduled_sessions_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_scheduled_sessions_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_scheduled_sessions_mediator FOREIGN KEY (mediator_id) REFERENCES mediators (id),
        CONSTRAINT fk_scheduled_sessions_mediator_user FOREIGN KEY (mediator_user_id) REFERENCES users (id),
        CONSTRAINT fk_scheduled_sessions_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT fk_scheduled_sessions_held_session FOREIGN KEY (held_session_id) REFERENCES mediation_sessions (id),
        CONSTRAINT ck_scheduled_sessions_status CHECK (status IN ('SCHEDULED', 'HELD', 'MISSED')),
        CONSTRAINT ck_scheduled_sessions_times CHECK (ends_at > starts_at),
        CONSTRAINT ck_scheduled_sessions_video_url CHECK (video_url IS NULL OR video_url LIKE 'https://%'),
        CONSTRAINT ck_scheduled_sessions_held CHECK ((status = 'HELD') = (held_session_id IS NOT NULL))
      )`);
    // The overlap check reads a mediator's scheduled ones by time; a user's agenda and feed read theirs.
    await q.query(`CREATE INDEX ix_scheduled_sessions_mediator_starts ON scheduled_sessions (mediator_id, starts_at)
      WHERE status = 'SCHEDULED'`);
    await q.query(`CREATE INDEX ix_scheduled_sessions_user_starts ON scheduled_sessions (mediator_user_id, starts_at)`);
    await q.query(`CREATE INDEX ix_scheduled_sessions_created_by ON scheduled_sessions (created_by, starts_at)`);
    await q.query(`CREATE INDEX ix_scheduled_sessions_case ON scheduled_sessions (case_id, starts_at)`);
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id uuid NOT NULL,
        court_id uuid NOT NULL,
        secret_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_calendar_feeds PRIMARY KEY (user_id),
        CONSTRAINT fk_calendar_feeds_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT fk_calendar_feeds_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT uq_calendar_feeds_secret_hash UNIQUE (secret_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
    await q.query(`DROP TABLE scheduled_sessions`);
    await q.query(`DROP INDEX ix_cases_waiting_status`);
    await q.query(`DROP INDEX ix_notifications_open_subject`);
    await q.query(`ALTER TABLE notifications DROP COLUMN done_at`);
  }
}
