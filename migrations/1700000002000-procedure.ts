import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The procedure since 2025 (SPC 《关于严格依法规范民事案件立案与调解工作的意见》): every case has a procedure fixed at
 * registration. The cases recorded so far ran under the old 诉前调解 and keep it (LEGACY_PRE_FILING); the column's
 * default stays the old one only until every writer names the procedure (registration, batches). The trial procedure
 * (简易/普通) and the mediator's sign-for (签收), from which the 先行调解 and 非诉调解 periods count. New statuses for
 * the fee route to trial. A court says who gives its 民初/民特 numbers and when it stopped the old procedure.
 */
export class Procedure1700000002000 implements MigrationInterface {
  name = 'Procedure1700000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases
      ADD COLUMN procedure text NOT NULL DEFAULT 'LEGACY_PRE_FILING',
      ADD COLUMN trial_procedure text,
      ADD COLUMN materials_received_on date,
      ADD CONSTRAINT ck_cases_procedure CHECK (procedure IN ('POST_FILING', 'VOLUNTARY', 'LEGACY_PRE_FILING')),
      ADD CONSTRAINT ck_cases_trial_procedure CHECK (trial_procedure IS NULL OR trial_procedure IN ('SIMPLE', 'ORDINARY')),
      ADD CONSTRAINT ck_cases_post_filing_trial_procedure
        CHECK (procedure <> 'POST_FILING' OR trial_procedure IS NOT NULL)`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_status`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_status CHECK (status IN ('REGISTERED', 'NOTICE_ISSUED',
      'REFUSED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED', 'TRANSFERRED',
      'FEE_PENDING', 'IN_TRIAL', 'DEEMED_WITHDRAWN'))`);
    await q.query(`ALTER TABLE courts
      ADD COLUMN filing_numbers text NOT NULL DEFAULT 'OWN',
      ADD COLUMN legacy_until date NOT NULL DEFAULT DATE '2025-01-01',
      ADD CONSTRAINT ck_courts_filing_numbers CHECK (filing_numbers IN ('OWN', 'EXTERNAL'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE courts DROP COLUMN legacy_until, DROP COLUMN filing_numbers`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_status`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_status CHECK (status IN ('REGISTERED', 'NOTICE_ISSUED',
      'REFUSED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED', 'TRANSFERRED'))`);
    await q.query(`ALTER TABLE cases DROP COLUMN materials_received_on, DROP COLUMN trial_procedure,
      DROP COLUMN procedure`);
  }
}
