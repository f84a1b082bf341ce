import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mediator's workspace: sessions, period extensions, the outcome with its
 * settlement follow-up, judicial confirmation, and the deadline warnings.
 */
export class Mediation1700000000500 implements MigrationInterface {
  name = 'Mediation1700000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mediation_sessions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        held_on date NOT NULL,
        mode text NOT NULL,
        participants text[] NOT NULL,
        notes text NOT NULL,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_mediation_sessions PRIMARY KEY (id),
        CONSTRAINT fk_mediation_sessions_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_mediation_sessions_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_mediation_sessions_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT ck_mediation_sessions_mode CHECK (mode IN ('IN_PERSON', 'PHONE', 'VIDEO')),
        CONSTRAINT ck_mediation_sessions_participants CHECK (cardinality(participants) BETWEEN 1 AND 20),
        CONSTRAINT ck_mediation_sessions_notes CHECK (length(notes) <= 5000)
      )`);
    await q.query(`CREATE INDEX ix_mediation_sessions_case ON mediation_sessions (case_id, held_on, recorded_at)`);

    await q.query(`
      CREATE TABLE extensions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        days integer NOT NULL,
        reason text NOT NULL,
        plaintiff_consent boolean NOT NULL,
        defendant_consent boolean NOT NULL,
        consented_on date NOT NULL,
        previous_deadline date NOT NULL,
        new_deadline date NOT NULL,
        granted_by uuid NOT NULL,
        granted_at timestamptz NOT NULL,
        CONSTRAINT pk_extensions PRIMARY KEY (id),
        CONSTRAINT fk_extensions_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_extensions_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_extensions_granted_by FOREIGN KEY (granted_by) REFERENCES users (id),
        CONSTRAINT ck_extensions_days CHECK (days BETWEEN 1 AND 30),
        -- 延长调解期限 needs both sides' consent
        CONSTRAINT ck_extensions_consent CHECK (plaintiff_consent AND defendant_consent),
        CONSTRAINT ck_extensions_deadline_later CHECK (new_deadline > previous_deadline)
      )`);
    await q.query(`CREATE INDEX ix_extensions_case ON extensions (case_id, granted_at)`);

    await q.query(`
      CREATE TABLE mediation_outcomes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        result text NOT NULL,
        concluded_on date NOT NULL,
        settlement_method text,
        agreement text,
        amount_fen bigint,
        agreed_on date,
        performance_due_on date,
        performance_status text,
        performance_recorded_on date,
        performance_note text,
        performance_recorded_by uuid,
        undisputed_facts text,
        failure_reason text,
        failure_reason_text text,
        withdrawal_reason text,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_mediation_outcomes PRIMARY KEY (id),
        CONSTRAINT uq_mediation_outcomes_case UNIQUE (case_id),
        CONSTRAINT fk_mediation_outcomes_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_mediation_outcomes_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_mediation_outcomes_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT fk_mediation_outcomes_performance_recorded_by FOREIGN KEY (performance_recorded_by)
          REFERENCES users (id),
        CONSTRAINT ck_mediation_outcomes_result CHECK (result IN ('SETTLED', 'FAILED', 'WITHDRAWN')),
        CONSTRAINT ck_mediation_outcomes_settlement_method CHECK (settlement_method IS NULL OR settlement_method IN
          ('JUDICIAL_CONFIRMATION', 'MEDIATION_DOCUMENT', 'VOLUNTARY_PERFORMANCE', 'WITHDRAWAL')),
        CONSTRAINT ck_mediation_outcomes_failure_reason CHECK (failure_reason IS NULL OR failure_reason IN
          ('PARTY_UNREACHABLE', 'PARTY_DECLINED', 'NO_AGREEMENT', 'MEDIATOR_UNAVAILABLE', 'OTHER')),
        CONSTRAINT ck_mediation_outcomes_performance_status CHECK (performance_status IS NULL OR performance_status IN
          ('PERFORMED_IN_FULL', 'PERFORMED_IN_PART', 'NOT_PERFORMED')),
        CONSTRAINT ck_mediation_outcomes_amount CHECK (amount_fen IS NULL OR amount_fen >= 0),
        -- Each result carries its own fields and no other result's.
        CONSTRAINT ck_mediation_outcomes_settled CHECK ((result = 'SETTLED') = (settlement_method IS NOT NULL
          AND agreement IS NOT NULL AND amount_fen IS NOT NULL AND agreed_on IS NOT NULL)),
        CONSTRAINT ck_mediation_outcomes_failed CHECK ((result = 'FAILED') = (undisputed_facts IS NOT NULL
          AND failure_reason IS NOT NULL)),
        CONSTRAINT ck_mediation_outcomes_failure_text CHECK (failure_reason IS DISTINCT FROM 'OTHER'
          OR failure_reason_text IS NOT NULL),
        CONSTRAINT ck_mediation_outcomes_performance_due CHECK (performance_due_on IS NULL OR result = 'SETTLED'),
        CONSTRAINT ck_mediation_outcomes_performance CHECK (performance_status IS NULL
          OR (performance_due_on IS NOT NULL AND performance_recorded_on IS NOT NULL))
      )`);
    // Follow-ups: settled cases whose performance is due and not yet recorded.
    await q.query(`CREATE INDEX ix_mediation_outcomes_performance_due ON mediation_outcomes (court_id, performance_due_on)
      WHERE performance_due_on IS NOT NULL AND performance_status IS NULL`);

    await q.query(`
      CREATE TABLE judicial_confirmations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        applied_on date NOT NULL,
        decision text NOT NULL,
        decided_on date NOT NULL,
        ruling_number text,
        note text,
        recorded_by uuid NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT pk_judicial_confirmations PRIMARY KEY (id),
        CONSTRAINT uq_judicial_confirmations_case UNIQUE (case_id),
        CONSTRAINT fk_judicial_confirmations_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_judicial_confirmations_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_judicial_confirmations_recorded_by FOREIGN KEY (recorded_by) REFERENCES users (id),
        CONSTRAINT ck_judicial_confirmations_decision CHECK (decision IN ('CONFIRMED', 'REJECTED')),
        CONSTRAINT ck_judicial_confirmations_ruling CHECK (decision <> 'CONFIRMED' OR ruling_number IS NOT NULL),
        CONSTRAINT ck_judicial_confirmations_dates CHECK (decided_on >= applied_on)
      )`);

    await q.query(`
      CREATE TABLE case_warnings (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        kind text NOT NULL,
        deadline date NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_case_warnings PRIMARY KEY (id),
        CONSTRAINT fk_case_warnings_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_case_warnings_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT ck_case_warnings_kind CHECK (kind IN ('DEADLINE_APPROACHING', 'DEADLINE_PASSED')),
        -- Once per case, kind and deadline: an extension's new deadline may warn again.
        CONSTRAINT uq_case_warnings_case_kind_deadline UNIQUE (case_id, kind, deadline)
      )`);
    await q.query(`CREATE INDEX ix_case_warnings_court_deadline ON case_warnings (court_id, deadline)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_warnings`);
    await q.query(`DROP TABLE judicial_confirmations`);
    await q.query(`DROP TABLE mediation_outcomes`);
    await q.query(`DROP TABLE extensions`);
    await q.query(`DROP TABLE mediation_sessions`);
  }
}
