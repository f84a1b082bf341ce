import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A division may have a head (庭长 / 局长): an overdue consultation letter is escalated to the sender's. */
export class DivisionHeads1700000001303 implements MigrationInterface {
  name = 'DivisionHeads1700000001303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE divisions ADD COLUMN head_user_id uuid`);
    await q.query(`ALTER TABLE divisions ADD CONSTRAINT fk_divisions_head_user
      FOREIGN KEY (head_user_id) REFERENCES users (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE divisions DROP COLUMN head_user_id`);
  }
}
