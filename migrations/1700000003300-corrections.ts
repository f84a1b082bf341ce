import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections of a registration (issue #29 part 2): 撤销登记 (status CANCELLED, with when and why; the case and its
 * number stay), the agents and lawyers of a party (委托代理人, with the scope of authority 代理权限), and the answer
 * channel 书面 (a signed paper form).
 */
export class Corrections1700000003300 implements MigrationInterface {
  name = 'Corrections1700000003300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_status`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_status CHECK (status IN ('REGISTERED', 'NOTICE_ISSUED',
      'REFUSED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED', 'TRANSFERRED',
      'FEE_PENDING', 'IN_TRIAL', 'DEEMED_WITHDRAWN', 'CANCELLED'))`);
    await q.query(`ALTER TABLE cases
      ADD COLUMN cancelled_at timestamptz,
      ADD COLUMN cancellation_reason text,
      ADD CONSTRAINT ck_cases_cancelled CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)
        AND (cancelled_at IS NULL) = (cancellation_reason IS NULL))`);
    await q.query(`CREATE TABLE party_agents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL REFERENCES courts(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        party_id uuid NOT NULL REFERENCES parties(id),
        kind text NOT NULL,
        name text NOT NULL,
        licence_number text,
        firm text,
        phone text,
        scope text NOT NULL,
        powers text[] NOT NULL DEFAULT '{}',
        added_by uuid NOT NULL REFERENCES users(id),
        added_at timestamptz NOT NULL,
        CONSTRAINT ck_party_agents_kind CHECK (kind IN ('LAWYER', 'OTHER')),
        CONSTRAINT ck_party_agents_scope CHECK (scope IN ('GENERAL', 'SPECIAL')),
        CONSTRAINT ck_party_agents_powers CHECK (scope = 'SPECIAL' OR cardinality(powers) = 0),
        CONSTRAINT ck_party_agents_lawyer_licence CHECK (kind <> 'LAWYER' OR licence_number IS NOT NULL),
        CONSTRAINT ck_party_agents_name CHECK (char_length(name) BETWEEN 1 AND 100)
      )`);
    await q.query(`CREATE INDEX ix_party_agents_case ON party_agents (case_id, added_at)`);
    await q.query(`ALTER TABLE party_answers DROP CONSTRAINT ck_party_answers_channel`);
    await q.query(`ALTER TABLE party_answers ADD CONSTRAINT ck_party_answers_channel
      CHECK (channel IN ('WINDOW', 'PHONE', 'ONLINE', 'POST', 'PAPER'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE party_answers DROP CONSTRAINT ck_party_answers_channel`);
    await q.query(`UPDATE party_answers SET channel = 'WINDOW' WHERE channel = 'PAPER'`);
    await q.query(`ALTER TABLE party_answers ADD CONSTRAINT ck_party_answers_channel
      CHECK (channel IN ('WINDOW', 'PHONE', 'ONLINE', 'POST'))`);
    await q.query(`DROP TABLE party_agents`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_cancelled, DROP COLUMN cancellation_reason,
      DROP COLUMN cancelled_at`);
    // A cancelled case goes back to a registration (the old table has no CANCELLED).
    await q.query(`UPDATE cases SET status = 'REGISTERED' WHERE status = 'CANCELLED'`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_status`);
    await q.query(`ALTER TABLE cases ADD CONSTRAINT ck_cases_status CHECK (status IN ('REGISTERED', 'NOTICE_ISSUED',
      'REFUSED', 'REFERRED', 'ASSIGNED', 'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED', 'TRANSFERRED',
      'FEE_PENDING', 'IN_TRIAL', 'DEEMED_WITHDRAWN'))`);
  }
}
