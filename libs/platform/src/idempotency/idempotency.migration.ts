import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Key records of this node's HTTP API. A row is a claim while its
 * request runs (`in-progress`), then the answer to replay (`completed`).
 * Rows are purged after the retention (IDEMPOTENCY_RETENTION_HOURS).
 */
export class IdempotencyKeys1763900000260 implements MigrationInterface {
  name = 'IdempotencyKeys1763900000260';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE http_idempotency (
        account text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        claim_token uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('in-progress', 'completed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        claimed_until timestamptz,
        committed_at timestamptz,
        status int,
        body json,
        PRIMARY KEY (account, key)
      )`);
    await q.query(`CREATE INDEX http_idempotency_created ON http_idempotency (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE http_idempotency`);
  }
}
