import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Duplicate candidates found by one GIN lookup (duplicates/match-keys.ts):
 * each victim's keys in one row, so the index itself intersects them (every
 * part of her name in its place, and her age or birth year) and returns the
 * handful who meet all, however many victims share one common part. One row
 * per victim, still `victim_match_key` (erasure deletes it by victim). The
 * keys are made by the node, which holds the key (a migration does not): the
 * new key version changes the keying fingerprint, so the node's next start
 * makes every victim's keys again (flag-duplicates.ts).
 */
export class IntakeMatchKeySets1763900002840 implements MigrationInterface {
  name = 'IntakeMatchKeySets1763900002840';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE victim_match_key`);
    await q.query(`
      CREATE TABLE victim_match_key (
        victim_id uuid PRIMARY KEY REFERENCES victim (id) ON DELETE CASCADE,
        keys bytea[] NOT NULL
      )`);
    // Written straight into the index (no pending list): a lookup never scans unsorted recent entries.
    await q.query(`CREATE INDEX victim_match_key_keys ON victim_match_key USING gin (keys) WITH (fastupdate = off)`);
    await q.query(`DELETE FROM victim_match_keying`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE victim_match_key`);
    await q.query(`
      CREATE TABLE victim_match_key (
        key bytea NOT NULL,
        victim_id uuid NOT NULL REFERENCES victim (id) ON DELETE CASCADE,
        PRIMARY KEY (key, victim_id)
      )`);
    await q.query(`CREATE INDEX victim_match_key_victim ON victim_match_key (victim_id)`);
    await q.query(`DELETE FROM victim_match_keying`);
  }
}
