import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate candidates by indexed lookup (duplicates/match-keys.ts): each
 * victim's keyed blind indexes, and which key made them. The keys are made by
 * the node (a migration does not hold the key): new victims' as they are
 * registered, existing victims' at the node's next start.
 */
export class IntakeMatchKeys1763900002760 implements MigrationInterface {
  name = 'IntakeMatchKeys1763900002760';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE victim_match_key (
        key bytea NOT NULL,
        victim_id uuid NOT NULL REFERENCES victim (id) ON DELETE CASCADE,
        PRIMARY KEY (key, victim_id)
      )`);
    await q.query(`CREATE INDEX victim_match_key_victim ON victim_match_key (victim_id)`);
    await q.query(
      `CREATE TABLE victim_match_keying (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), fingerprint text NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE victim_match_keying`);
    await q.query(`DROP TABLE victim_match_key`);
  }
}
