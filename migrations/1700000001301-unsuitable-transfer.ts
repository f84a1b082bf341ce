import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case whose defendant cannot be reached (送达地址核实: UNREACHABLE) needs service by public announcement and is
 * not suitable for pre-litigation mediation: the clerk transfers it to filing from REGISTERED or NOTICE_ISSUED.
 */
export class UnsuitableTransfer1700000001301 implements MigrationInterface {
  name = 'UnsuitableTransfer1700000001301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE filing_transfers DROP CONSTRAINT ck_filing_transfers_status_before`);
    await q.query(`ALTER TABLE filing_transfers ADD CONSTRAINT ck_filing_transfers_status_before
      CHECK (status_before IN ('REFUSED', 'FAILED', 'EXPIRED', 'REGISTERED', 'NOTICE_ISSUED'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE filing_transfers DROP CONSTRAINT ck_filing_transfers_status_before`);
    await q.query(`ALTER TABLE filing_transfers ADD CONSTRAINT ck_filing_transfers_status_before
      CHECK (status_before IN ('REFUSED', 'FAILED', 'EXPIRED'))`);
  }
}
