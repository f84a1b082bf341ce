import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases, their parties, case number counters and idempotency keys. */
export class Cases1700000000002 implements MigrationInterface {
  name = 'Cases1700000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        division_id uuid,
        case_type text NOT NULL,
        status text NOT NULL,
        claim_amount_fen bigint NOT NULL,
        claims text NOT NULL,
        source text NOT NULL,
        batch_id uuid,
        external_ref text,
        registered_by uuid NOT NULL,
        registered_at timestamptz NOT NULL,
        address_verified boolean NOT NULL DEFAULT false,
        notice_issued_at timestamptz,
        prelitigation_number text,
        consented_on date,
        referred_at timestamptz,
        refused_at timestamptz,
        mediation_deadline date,
        extension_days_total integer NOT NULL DEFAULT 0,
        mediator_id uuid,
        mediator_user_id uuid,
        organization_id uuid,
        assigned_at timestamptz,
        outcome text,
        concluded_at timestamptz,
        filing_number text,
        transferred_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_cases PRIMARY KEY (id),
        CONSTRAINT fk_cases_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_cases_division FOREIGN KEY (division_id) REFERENCES divisions (id),
        CONSTRAINT fk_cases_registered_by FOREIGN KEY (registered_by) REFERENCES users (id),
        CONSTRAINT ck_cases_status CHECK (status IN ('REGISTERED', 'NOTICE_ISSUED', 'REFUSED', 'REFERRED', 'ASSIGNED',
          'IN_MEDIATION', 'SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED', 'TRANSFERRED')),
        CONSTRAINT ck_cases_outcome CHECK (outcome IS NULL OR outcome IN ('SETTLED', 'FAILED', 'WITHDRAWN', 'EXPIRED')),
        CONSTRAINT ck_cases_source CHECK (source IN ('WINDOW', 'BATCH')),
        CONSTRAINT ck_cases_claim_amount CHECK (claim_amount_fen >= 0),
        CONSTRAINT ck_cases_extension_days CHECK (extension_days_total >= 0)
      )`);
    // Worklists: newest first within a court, optionally by status.
    await q.query(`CREATE INDEX ix_cases_court_created ON cases (court_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_cases_court_status_created ON cases (court_id, status, created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX ix_cases_mediator_status ON cases (mediator_user_id, status) WHERE mediator_user_id IS NOT NULL`,
    );
    // The deadline scan touches only open cases, by deadline.
    await q.query(`CREATE INDEX ix_cases_open_deadline ON cases (mediation_deadline)
      WHERE status IN ('REFERRED', 'ASSIGNED', 'IN_MEDIATION')`);
    await q.query(
      `CREATE UNIQUE INDEX uq_cases_prelitigation_number ON cases (prelitigation_number) WHERE prelitigation_number IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_cases_filing_number ON cases (filing_number) WHERE filing_number IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_cases_court_external_ref ON cases (court_id, external_ref) WHERE external_ref IS NOT NULL`,
    );
    // Monthly statistics read by event dates.
    await q.query(
      `CREATE INDEX ix_cases_court_referred ON cases (court_id, referred_at) WHERE referred_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_cases_court_concluded ON cases (court_id, concluded_at) WHERE concluded_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_cases_court_transferred ON cases (court_id, transferred_at) WHERE transferred_at IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE parties (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        position integer NOT NULL,
        role text NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        id_number text,
        credit_code text,
        legal_representative text,
        phone text,
        address text,
        service_address text,
        address_verification text,
        CONSTRAINT pk_parties PRIMARY KEY (id),
        CONSTRAINT fk_parties_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT ck_parties_role CHECK (role IN ('PLAINTIFF', 'DEFENDANT', 'THIRD_PARTY')),
        CONSTRAINT ck_parties_kind CHECK (kind IN ('PERSON', 'ORGANIZATION'))
      )`);
    await q.query(`CREATE INDEX ix_parties_case ON parties (case_id, position)`);
    // Related-case detection by identity number and credit code.
    await q.query(
      `CREATE INDEX ix_parties_court_id_number ON parties (court_id, id_number) WHERE id_number IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ix_parties_court_credit_code ON parties (court_id, credit_code) WHERE credit_code IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE case_number_counters (
        court_id uuid NOT NULL,
        year integer NOT NULL,
        type_code text NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT pk_case_number_counters PRIMARY KEY (court_id, year, type_code),
        CONSTRAINT fk_case_number_counters_court FOREIGN KEY (court_id) REFERENCES courts (id)
      )`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        court_id uuid NOT NULL,
        user_id uuid NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        status_code integer NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (court_id, user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE case_number_counters`);
    await q.query(`DROP TABLE parties`);
    await q.query(`DROP TABLE cases`);
  }
}
