import { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerTables1763900000001 implements MigrationInterface {
  name = 'LedgerTables1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE received_note (
      note_id uuid PRIMARY KEY, event_id uuid NOT NULL, from_agency text NOT NULL,
      text text NOT NULL, delivery_count int NOT NULL)`);
    await q.query(`CREATE TABLE item (item_id uuid PRIMARY KEY, state text NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE item`);
    await q.query(`DROP TABLE received_note`);
  }
}
