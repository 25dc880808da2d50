import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The key store (design.md section 9): each victim's data key, wrapped by the
 * node's master key, in a schema of its own so that its backups are made and
 * expired apart from the database's (docs/security.md).
 */
export class KeyStore1763900000300 implements MigrationInterface {
  name = 'KeyStore1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA IF NOT EXISTS key_store`);
    await q.query(
      `CREATE TABLE key_store.data_key (
         subject_id uuid PRIMARY KEY,
         wrapped text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE key_store.data_key`);
    await q.query(`DROP SCHEMA key_store`);
  }
}
