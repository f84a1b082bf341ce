import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-app notifications (提醒): one row per recipient and event. The unique
 * (recipient, dedupe key) lets a scheduled job run any number of times, on any
 * number of instances, and still notify once.
 */
export class Notifications1700000000300 implements MigrationInterface {
  name = 'Notifications1700000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        recipient_user_id uuid NOT NULL,
        kind text NOT NULL,
        subject_type text NOT NULL,
        subject_id uuid NOT NULL,
        message text NOT NULL,
        due_on date,
        dedupe_key text NOT NULL,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        CONSTRAINT pk_notifications PRIMARY KEY (id),
        CONSTRAINT fk_notifications_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_notifications_recipient FOREIGN KEY (recipient_user_id) REFERENCES users (id),
        CONSTRAINT ck_notifications_kind CHECK (kind ~ '^[A-Z][A-Z0-9_]*$'),
        CONSTRAINT ck_notifications_message CHECK (length(message) BETWEEN 1 AND 2000),
        CONSTRAINT ck_notifications_dedupe_key CHECK (length(dedupe_key) BETWEEN 1 AND 200)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_notifications_recipient_dedupe ON notifications (recipient_user_id, dedupe_key)`,
    );
    // A user's list, newest first; the unread view has its own smaller index.
    await q.query(
      `CREATE INDEX ix_notifications_recipient_created ON notifications (recipient_user_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX ix_notifications_recipient_unread ON notifications (recipient_user_id, created_at DESC, id DESC)
      WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications`);
  }
}
