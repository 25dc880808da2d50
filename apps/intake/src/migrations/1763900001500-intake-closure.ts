import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeClosure1763900001500 implements MigrationInterface {
  name = 'IntakeClosure1763900001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_file ADD COLUMN closed_at timestamptz`);
    await q.query(`ALTER TABLE case_file ADD COLUMN closed_by text`);
    await q.query(`ALTER TABLE case_file ADD COLUMN closure_note text`);
    await q.query(`ALTER TABLE case_file ADD COLUMN closure_override_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['closure_override_reason', 'closure_note', 'closed_by', 'closed_at'])
      await q.query(`ALTER TABLE case_file DROP COLUMN ${c}`);
  }
}
