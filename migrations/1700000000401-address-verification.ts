import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 送达地址核实: how and with what result each party's service address was checked. */
export class AddressVerification1700000000401 implements MigrationInterface {
  name = 'AddressVerification1700000000401';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties ADD COLUMN address_verification_result text`);
    await q.query(`ALTER TABLE parties ADD COLUMN address_verified_at timestamptz`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT ck_parties_address_verification
      CHECK (address_verification IS NULL
          OR address_verification IN ('PHONE', 'IN_PERSON', 'HOUSEHOLD_REGISTRATION', 'POSTAL', 'OTHER'))`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT ck_parties_address_verification_result
      CHECK (address_verification_result IS NULL
          OR address_verification_result IN ('CONFIRMED', 'CORRECTED', 'UNREACHABLE'))`);
    await q.query(`ALTER TABLE parties ADD CONSTRAINT ck_parties_address_verification_complete
      CHECK ((address_verification IS NULL) = (address_verification_result IS NULL)
         AND (address_verification IS NULL) = (address_verified_at IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE parties DROP CONSTRAINT ck_parties_address_verification_complete`);
    await q.query(`ALTER TABLE parties DROP CONSTRAINT ck_parties_address_verification_result`);
    await q.query(`ALTER TABLE parties DROP CONSTRAINT ck_parties_address_verification`);
    await q.query(`ALTER TABLE parties DROP COLUMN address_verified_at`);
    await q.query(`ALTER TABLE parties DROP COLUMN address_verification_result`);
  }
}
