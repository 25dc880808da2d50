import type { EntityManager } from 'typeorm';

/**
 * The next number in a victim's statistics sequence, by her pseudonym. The
 * upsert locks her counter row until the transaction ends, so a later-committing
 * transaction always gets the higher number: the order of the numbers is the
 * order in which intake's changes became true.
 */
export async function nextStatisticsSequence(manager: EntityManager, statisticsId: string): Promise<number> {
  const rows: Array<{ last_sequence: string }> = await manager.query(
    `INSERT INTO statistics_sequence (statistics_id, last_sequence) VALUES ($1, 1)
     ON CONFLICT (statistics_id) DO UPDATE SET last_sequence = statistics_sequence.last_sequence + 1
     RETURNING last_sequence`,
    [statisticsId],
  );
  return Number(rows[0].last_sequence);
}

/** The last number given to her (0 if none): a hand-over passes it on. */
export async function lastStatisticsSequence(manager: EntityManager, statisticsId: string): Promise<number> {
  const rows: Array<{ last_sequence: string }> = await manager.query(
    `SELECT last_sequence FROM statistics_sequence WHERE statistics_id = $1`,
    [statisticsId],
  );
  return rows.length ? Number(rows[0].last_sequence) : 0;
}

/** Continues her sequence above `atLeast` (a hand-over's), never lowering it. */
export async function continueStatisticsSequence(manager: EntityManager, statisticsId: string, atLeast: number): Promise<void> {
  await manager.query(
    `INSERT INTO statistics_sequence (statistics_id, last_sequence) VALUES ($1, $2)
     ON CONFLICT (statistics_id) DO UPDATE SET last_sequence = GREATEST(statistics_sequence.last_sequence, EXCLUDED.last_sequence)`,
    [statisticsId, atLeast],
  );
}
