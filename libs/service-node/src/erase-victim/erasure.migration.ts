import { MigrationInterface, QueryRunner } from 'typeorm';

/** A legal hold on one victim's data at a service node (police records under investigation): her erasure answers `retained`. */
export class ServiceNodeLegalHold1763900000900 implements MigrationInterface {
  name = 'ServiceNodeLegalHold1763900000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legal_hold (
        victim_id uuid PRIMARY KEY,
        reason text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE legal_hold`);
  }
}
