import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-victim statistics sequence (design.md section 9): the counter is keyed
 * by the pseudonym reporting counts her under, not by the victim row, because
 * a second report of the same person shares the earlier report's pseudonym and
 * both must number into one order. Existing victims start at 1 with their next
 * event; what was sent before carries no sequence.
 */
export class IntakeStatisticsSequence1763900002400 implements MigrationInterface {
  name = 'IntakeStatisticsSequence1763900002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE statistics_sequence (statistics_id uuid PRIMARY KEY, last_sequence bigint NOT NULL CHECK (last_sequence >= 0))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE statistics_sequence`);
  }
}
