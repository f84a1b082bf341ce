import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history's time is the moment of the insert, set by the database for the app's login (issue 28): the app
 * can no longer write a back-dated (or future) `occurred_at`, and rows are ordered by when they were written,
 * not by when their transaction began (six parallel assignments showed the wrong last mediator).
 * clock_timestamp() is read at the insert; now() is the transaction's start. The owner (migrations, repairs)
 * is not overridden.
 */
export class HistoryInsertTime1700000003102 implements MigrationInterface {
  name = 'HistoryInsertTime1700000003102';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ALTER COLUMN occurred_at SET DEFAULT clock_timestamp()`);
    await q.query(`
      CREATE FUNCTION audit_events_insert_time() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_user = 'mediation_app' THEN
          NEW.occurred_at := clock_timestamp();
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_audit_events_insert_time BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_insert_time()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_audit_events_insert_time ON audit_events`);
    await q.query(`DROP FUNCTION audit_events_insert_time()`);
    await q.query(`ALTER TABLE audit_events ALTER COLUMN occurred_at SET DEFAULT now()`);
  }
}
