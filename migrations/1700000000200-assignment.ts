import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The mediator roster (mediation organizations and mediators), the assignments of
 * mediators to cases with their history, and recusals (回避).
 */
export class Assignment1700000000200 implements MigrationInterface {
  name = 'Assignment1700000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE mediation_organizations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        registration_number text NOT NULL,
        region text NOT NULL,
        contact_person text,
        contact_phone text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_mediation_organizations PRIMARY KEY (id),
        CONSTRAINT fk_mediation_organizations_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT uq_mediation_organizations_court_registration UNIQUE (court_id, registration_number),
        -- target of the composite keys below: a mediator and its organization share a court
        CONSTRAINT uq_mediation_organizations_court_id UNIQUE (court_id, id),
        CONSTRAINT ck_mediation_organizations_kind
          CHECK (kind IN ('PEOPLES_MEDIATION_COMMITTEE', 'INDUSTRY', 'LITIGATION_LINKAGE_STATION'))
      )`);

    await q.query(`
      CREATE TABLE mediators (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        user_id uuid,
        name text NOT NULL,
        type text NOT NULL,
        specialties text[] NOT NULL DEFAULT '{}',
        regions text[] NOT NULL DEFAULT '{}',
        capacity integer NOT NULL,
        active_from date NOT NULL,
        active_until date,
        phone text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_mediators PRIMARY KEY (id),
        CONSTRAINT fk_mediators_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_mediators_organization FOREIGN KEY (court_id, organization_id)
          REFERENCES mediation_organizations (court_id, id),
        CONSTRAINT fk_mediators_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT uq_mediators_court_id UNIQUE (court_id, id),
        CONSTRAINT ck_mediators_type CHECK (type IN ('FULL_TIME', 'PART_TIME', 'INVITED')),
        CONSTRAINT ck_mediators_capacity CHECK (capacity BETWEEN 1 AND 200),
        CONSTRAINT ck_mediators_active_period CHECK (active_until IS NULL OR active_until >= active_from)
      )`);
    // One roster entry per user account.
    await q.query(`CREATE UNIQUE INDEX uq_mediators_user ON mediators (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_mediators_court_organization ON mediators (court_id, organization_id)`);
    await q.query(`CREATE INDEX ix_mediators_specialties ON mediators USING gin (specialties)`);

    // The case's current mediator and organization come from this court's roster.
    await q.query(`ALTER TABLE cases
      ADD CONSTRAINT fk_cases_mediator FOREIGN KEY (court_id, mediator_id) REFERENCES mediators (court_id, id),
      ADD CONSTRAINT fk_cases_organization FOREIGN KEY (court_id, organization_id)
        REFERENCES mediation_organizations (court_id, id),
      ADD CONSTRAINT fk_cases_mediator_user FOREIGN KEY (mediator_user_id) REFERENCES users (id)`);
    // Loads (open cases) and 90-day success per mediator are counted from cases.
    await q.query(
      `CREATE INDEX ix_cases_mediator_workload ON cases (mediator_id, status, concluded_at) WHERE mediator_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE assignments (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        mediator_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        assigned_by uuid NOT NULL,
        assigned_at timestamptz NOT NULL,
        reason text NOT NULL,
        chosen_by_parties boolean NOT NULL DEFAULT false,
        capacity_override boolean NOT NULL DEFAULT false,
        bulk boolean NOT NULL DEFAULT false,
        ended_at timestamptz,
        ended_by uuid,
        end_kind text,
        end_reason text,
        CONSTRAINT pk_assignments PRIMARY KEY (id),
        CONSTRAINT fk_assignments_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_assignments_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_assignments_mediator FOREIGN KEY (court_id, mediator_id) REFERENCES mediators (court_id, id),
        CONSTRAINT fk_assignments_organization FOREIGN KEY (court_id, organization_id)
          REFERENCES mediation_organizations (court_id, id),
        CONSTRAINT fk_assignments_assigned_by FOREIGN KEY (assigned_by) REFERENCES users (id),
        CONSTRAINT fk_assignments_ended_by FOREIGN KEY (ended_by) REFERENCES users (id),
        CONSTRAINT ck_assignments_end_kind CHECK (end_kind IS NULL OR end_kind IN ('REASSIGNED', 'RECUSED')),
        CONSTRAINT ck_assignments_ended CHECK ((ended_at IS NULL) = (end_kind IS NULL))
      )`);
    // At most one current assignment per case, whatever the application does.
    await q.query(`CREATE UNIQUE INDEX uq_assignments_case_open ON assignments (case_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX ix_assignments_case ON assignments (case_id, assigned_at)`);
    await q.query(`CREATE INDEX ix_assignments_mediator ON assignments (mediator_id, assigned_at)`);

    await q.query(`
      CREATE TABLE mediator_recusals (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        mediator_id uuid NOT NULL,
        reason text NOT NULL,
        recused_by uuid NOT NULL,
        recused_at timestamptz NOT NULL,
        CONSTRAINT pk_mediator_recusals PRIMARY KEY (id),
        CONSTRAINT fk_mediator_recusals_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_mediator_recusals_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_mediator_recusals_mediator FOREIGN KEY (court_id, mediator_id) REFERENCES mediators (court_id, id),
        CONSTRAINT fk_mediator_recusals_recused_by FOREIGN KEY (recused_by) REFERENCES users (id),
        CONSTRAINT uq_mediator_recusals_case_mediator UNIQUE (case_id, mediator_id)
      )`);
    await q.query(`CREATE INDEX ix_mediator_recusals_mediator ON mediator_recusals (mediator_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mediator_recusals`);
    await q.query(`DROP TABLE assignments`);
    await q.query(`DROP INDEX ix_cases_mediator_workload`);
    await q.query(`ALTER TABLE cases
      DROP CONSTRAINT fk_cases_mediator, DROP CONSTRAINT fk_cases_organization, DROP CONSTRAINT fk_cases_mediator_user`);
    await q.query(`DROP TABLE mediators`);
    await q.query(`DROP TABLE mediation_organizations`);
  }
}
