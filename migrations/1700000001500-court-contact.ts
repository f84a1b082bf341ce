import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The court's contact details printed on the 诉前调解告知书: its phone and address for the parties' answers, the
 * number of days they have to answer, and the public address of the platform (the rating page /rate is under it).
 */
export class CourtContact1700000001500 implements MigrationInterface {
  name = 'CourtContact1700000001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE courts
        ADD COLUMN phone text,
        ADD COLUMN address text,
        ADD COLUMN public_url text,
        ADD COLUMN notice_reply_days integer NOT NULL DEFAULT 7,
        ADD CONSTRAINT chk_courts_notice_reply_days CHECK (notice_reply_days BETWEEN 1 AND 30)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE courts
        DROP CONSTRAINT chk_courts_notice_reply_days,
        DROP COLUMN notice_reply_days,
        DROP COLUMN public_url,
        DROP COLUMN address,
        DROP COLUMN phone`);
  }
}
