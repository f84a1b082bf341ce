import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A bank's loan dispute (issue 30): the loan facts a mediator needs on the case (contract number, principal,
 * interest, overdue since), and each borrower-side party's place in the loan (借款人, 共同借款人, 保证人). All
 * nullable: a case typed at the window has none of them.
 */
export class LoanFacts1700000003500 implements MigrationInterface {
  name = 'LoanFacts1700000003500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cases
      ADD COLUMN loan_contract_no text,
      ADD COLUMN loan_principal_fen bigint,
      ADD COLUMN loan_interest_fen bigint,
      ADD COLUMN loan_overdue_since date,
      ADD CONSTRAINT ck_cases_loan_contract_no CHECK (
        loan_contract_no IS NULL OR char_length(loan_contract_no) BETWEEN 1 AND 100),
      ADD CONSTRAINT ck_cases_loan_amounts CHECK (
        (loan_principal_fen IS NULL OR loan_principal_fen >= 0) AND (loan_interest_fen IS NULL OR loan_interest_fen >= 0))`);
    await q.query(`ALTER TABLE parties
      ADD COLUMN loan_role text,
      ADD CONSTRAINT ck_parties_loan_role CHECK (
        loan_role IS NULL OR (role = 'DEFENDANT' AND loan_role IN ('BORROWER', 'CO_BORROWER', 'GUARANTOR')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties DROP CONSTRAINT ck_parties_loan_role, DROP COLUMN loan_role`);
    await q.query(`ALTER TABLE cases DROP CONSTRAINT ck_cases_loan_amounts, DROP CONSTRAINT ck_cases_loan_contract_no,
      DROP COLUMN loan_overdue_since, DROP COLUMN loan_interest_fen, DROP COLUMN loan_principal_fen,
      DROP COLUMN loan_contract_no`);
  }
}
