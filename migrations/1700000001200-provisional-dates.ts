import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dates that reach into a year whose holiday schedule is not yet known are provisional (暂定: weekends as the
 * only rest days) and are recomputed when an administrator enters that year. The partial indexes find them.
 */
export class ProvisionalDates1700000001200 implements MigrationInterface {
  name = 'ProvisionalDates1700000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases ADD COLUMN mediation_deadline_provisional boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE consultation_letters ADD COLUMN due_on_provisional boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX ix_cases_deadline_provisional ON cases (id) WHERE mediation_deadline_provisional`);
    await q.query(
      `CREATE INDEX ix_consultation_letters_due_provisional ON consultation_letters (id) WHERE due_on_provisional`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation_letters DROP COLUMN due_on_provisional`);
    await q.query(`ALTER TABLE cases DROP COLUMN mediation_deadline_provisional`);
  }
}
