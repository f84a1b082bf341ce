import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parties online, continued (issue 33): messages between a party and the case's mediator (one thread per party,
 * like a caucus: the other side never sees it), and each party's choice of a mediator from the court's published
 * roster while the case waits for assignment (在线调解规则: both sides agree within the court's working days).
 * Both tables are the record: rows are added, never changed or deleted. `seq` keeps the order they were written in
 * (two messages may share a timestamp).
 */
export class PartyMessagesMediatorChoices1700000004200 implements MigrationInterface {
  name = 'PartyMessagesMediatorChoices1700000004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE party_messages (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid NOT NULL,
        direction text NOT NULL,
        author_user_id uuid,
        author_name text NOT NULL,
        body text NOT NULL,
        sent_at timestamptz NOT NULL,
        outbound_message_id uuid,
        evidence jsonb,
        CONSTRAINT pk_party_messages PRIMARY KEY (id),
        CONSTRAINT fk_party_messages_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_party_messages_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_messages_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_messages_author FOREIGN KEY (author_user_id) REFERENCES users (id),
        CONSTRAINT ck_party_messages_direction CHECK (direction IN ('FROM_PARTY', 'FROM_MEDIATOR')),
        CONSTRAINT ck_party_messages_author CHECK ((direction = 'FROM_MEDIATOR') = (author_user_id IS NOT NULL)),
        CONSTRAINT ck_party_messages_body CHECK (length(body) BETWEEN 1 AND 1000)
      )`);
    await q.query(`CREATE INDEX ix_party_messages_case ON party_messages (case_id, party_id, sent_at)`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON party_messages FROM mediation_app`);

    await q.query(`
      CREATE TABLE party_mediator_choices (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY,
        court_id uuid NOT NULL,
        case_id uuid NOT NULL,
        party_id uuid NOT NULL,
        mediator_id uuid NOT NULL,
        chosen_at timestamptz NOT NULL,
        evidence jsonb NOT NULL,
        CONSTRAINT pk_party_mediator_choices PRIMARY KEY (id),
        CONSTRAINT fk_party_mediator_choices_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT fk_party_mediator_choices_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_party_mediator_choices_party FOREIGN KEY (party_id) REFERENCES parties (id),
        CONSTRAINT fk_party_mediator_choices_mediator FOREIGN KEY (mediator_id) REFERENCES mediators (id)
      )`);
    await q.query(
      `CREATE INDEX ix_party_mediator_choices_case ON party_mediator_choices (case_id, party_id, chosen_at)`,
    );
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON party_mediator_choices FROM mediation_app`);

    await q.query(`ALTER TABLE courts ADD COLUMN mediator_choice_working_days integer NOT NULL DEFAULT 2`);
    await q.query(`ALTER TABLE courts ADD CONSTRAINT ck_courts_mediator_choice_working_days
      CHECK (mediator_choice_working_days BETWEEN 1 AND 10)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE courts DROP COLUMN mediator_choice_working_days`);
    await q.query(`DROP TABLE party_mediator_choices`);
    await q.query(`DROP TABLE party_messages`);
  }
}
