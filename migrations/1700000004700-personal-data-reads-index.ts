import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The administrators' list of personal-data reads and refusals (个人信息查看记录, issue 28) reads a court's few
 * such entries newest first, without walking the whole history.
 */
export class PersonalDataReadsIndex1700000004700 implements MigrationInterface {
  name = 'PersonalDataReadsIndex1700000004700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_audit_events_personal_data_reads ON audit_events (court_id, id)
      WHERE action IN ('PERSONAL_DATA_VIEWED', 'PERSONAL_DATA_EXPORTED', 'CASE_DOCUMENT_PRINTED',
        'NOTICE_SERVICE_COPY_PRINTED', 'CASE_FILE_PACKAGE_DOWNLOADED', 'PERSONAL_DATA_ACCESS_REFUSED',
        'PERSONAL_DATA_REVEAL_REFUSED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_audit_events_personal_data_reads');
  }
}
