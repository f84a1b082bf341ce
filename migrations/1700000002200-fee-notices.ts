import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fee notice (交费通知) of a 先行调解 case going to trial: the case acceptance fee with how it was computed,
 * the last day to pay (7 days from the day after the notice, 暂定 where its year's holidays are unknown), then one
 * of: the payment, the relief (缓交/减交/免交), the ruling of withdrawal (按撤诉处理). One notice per case (a case
 * enters FEE_PENDING once). `overdue_notified_at` makes the overdue scan tell the clerks once per case.
 */
export class FeeNotices1700000002200 implements MigrationInterface {
  name = 'FeeNotices1700000002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fee_notices (
        case_id uuid NOT NULL,
        court_id uuid NOT NULL,
        claim_amount_fen bigint NOT NULL,
        trial_procedure text NOT NULL,
        fee_kind text NOT NULL,
        full_amount_fen bigint NOT NULL,
        amount_fen bigint NOT NULL,
        lines jsonb NOT NULL,
        basis text NOT NULL,
        status_before text NOT NULL,
        issued_on date NOT NULL,
        issued_by uuid NOT NULL,
        issued_at timestamptz NOT NULL,
        due_on date NOT NULL,
        due_on_provisional boolean NOT NULL DEFAULT false,
        paid_on date,
        paid_amount_fen bigint,
        relief text,
        relief_decided_on date,
        relief_reason text,
        deemed_withdrawn_on date,
        settled_by uuid,
        settled_at timestamptz,
        overdue_notified_at timestamptz,
        CONSTRAINT pk_fee_notices PRIMARY KEY (case_id),
        CONSTRAINT fk_fee_notices_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_fee_notices_court FOREIGN KEY (court_id) REFERENCES courts (id),
        CONSTRAINT ck_fee_notices_trial_procedure CHECK (trial_procedure IN ('SIMPLE', 'ORDINARY')),
        CONSTRAINT ck_fee_notices_fee_kind CHECK (fee_kind IN ('PROPERTY', 'DIVORCE', 'PERSONALITY', 'OTHER', 'LABOUR')),
        CONSTRAINT ck_fee_notices_amounts CHECK (claim_amount_fen >= 0 AND full_amount_fen >= 0
          AND amount_fen BETWEEN 0 AND full_amount_fen),
        CONSTRAINT ck_fee_notices_due_after_issue CHECK (due_on > issued_on),
        CONSTRAINT ck_fee_notices_relief CHECK (relief IS NULL OR relief IN ('DEFERRED', 'REDUCED', 'WAIVED')),
        CONSTRAINT ck_fee_notices_payment CHECK ((paid_on IS NULL) = (paid_amount_fen IS NULL)
          AND (paid_amount_fen IS NULL OR paid_amount_fen >= 0)),
        CONSTRAINT ck_fee_notices_relief_decided CHECK ((relief IS NULL) = (relief_decided_on IS NULL)),
        CONSTRAINT ck_fee_notices_one_ending CHECK (deemed_withdrawn_on IS NULL
          OR (paid_on IS NULL AND relief IS NULL)),
        CONSTRAINT ck_fee_notices_reason CHECK (relief_reason IS NULL OR length(relief_reason) BETWEEN 1 AND 500)
      )`);
    // The clerk's list of fees still owed (and the overdue scan): the open notices by their last day.
    await q.query(`CREATE INDEX ix_fee_notices_open_due ON fee_notices (court_id, due_on)
      WHERE paid_on IS NULL AND relief IS NULL AND deemed_withdrawn_on IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fee_notices`);
  }
}
