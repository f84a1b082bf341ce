import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every instance holds the token checks it has made in memory (src/auth/token-liveness-cache.ts); the
 * database tells them all when one stops holding: a revoked token (logout, refresh) and a user whose
 * tokens end (tokens_valid_after, active, deleted) are announced on the `token_revocations` channel,
 * whichever code or statement wrote them. NOTIFY is sent at commit, so a rolled-back change is never told.
 */
export class TokenRevocationNotify1700000001950 implements MigrationInterface {
  name = 'TokenRevocationNotify1700000001950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION token_revocations_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'revoked_tokens' THEN
          PERFORM pg_notify('token_revocations', 'token:' || NEW.jti::text);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('token_revocations', 'user:' || OLD.id::text);
        ELSE
          PERFORM pg_notify('token_revocations', 'user:' || NEW.id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_revoked_tokens_notify AFTER INSERT ON revoked_tokens
      FOR EACH ROW EXECUTE FUNCTION token_revocations_notify()`);
    await q.query(`
      CREATE TRIGGER tr_users_tokens_notify AFTER UPDATE OF active, tokens_valid_after ON users
      FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.tokens_valid_after IS DISTINCT FROM NEW.tokens_valid_after)
      EXECUTE FUNCTION token_revocations_notify()`);
    await q.query(`
      CREATE TRIGGER tr_users_deleted_notify AFTER DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION token_revocations_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_users_deleted_notify ON users`);
    await q.query(`DROP TRIGGER tr_users_tokens_notify ON users`);
    await q.query(`DROP TRIGGER tr_revoked_tokens_notify ON revoked_tokens`);
    await q.query(`DROP FUNCTION token_revocations_notify()`);
  }
}
