import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@rujukan/messaging';
import { INTAKE_SETTINGS, type IntakeSettings } from '../intake.settings.js';
import { storedStatisticsId } from './statistics-pseudonym.js';

/** The pseudonyms reporting counts under, and each victim's statistics sequence. */
@Injectable()
export class StatisticsRepository {
  constructor(@Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings) {}

  /** The pseudonym of a case, by its id: stored, or (rows from before it was stored) computed. */
  async caseStatisticsId(tx: Transaction, caseId: string): Promise<string> {
    const rows: Array<{ statistics_id: string | null }> = await tx.manager.query(`SELECT statistics_id FROM case_file WHERE id = $1`, [
      caseId,
    ]);
    return storedStatisticsId(this.settings.statisticsKey, 'case', { id: caseId, statisticsId: rows[0]?.statistics_id ?? null });
  }

  /** The pseudonym of a victim, by her id: stored, or (rows from before it was stored) computed. */
  async victimStatisticsId(tx: Transaction, victimId: string): Promise<string> {
    const rows: Array<{ statistics_id: string | null }> = await tx.manager.query(`SELECT statistics_id FROM victim WHERE id = $1`, [
      victimId,
    ]);
    return storedStatisticsId(this.settings.statisticsKey, 'victim', { id: victimId, statisticsId: rows[0]?.statistics_id ?? null });
  }

  /**
   * The next number in a victim's statistics sequence, by her pseudonym. The
   * upsert locks her counter row until the transaction ends, so a later-committing
   * transaction always gets the higher number: the order of the numbers is the
   * order in which intake's changes became true.
   */
  async nextSequence(tx: Transaction, statisticsId: string): Promise<number> {
    const rows: Array<{ last_sequence: string }> = await tx.manager.query(
      `INSERT INTO statistics_sequence (statistics_id, last_sequence) VALUES ($1, 1)
       ON CONFLICT (statistics_id) DO UPDATE SET last_sequence = statistics_sequence.last_sequence + 1
       RETURNING last_sequence`,
      [statisticsId],
    );
    return Number(rows[0].last_sequence);
  }

  /** The last number given to her (0 if none): a hand-over passes it on. */
  async lastSequence(tx: Transaction, statisticsId: string): Promise<number> {
    const rows: Array<{ last_sequence: string }> = await tx.manager.query(
      // Locked: a consent change committing alongside the hand-over numbers after it, or waits.
      `SELECT last_sequence FROM statistics_sequence WHERE statistics_id = $1 FOR UPDATE`,
      [statisticsId],
    );
    return rows.length ? Number(rows[0].last_sequence) : 0;
  }

  /** Continues her sequence above `atLeast` (a hand-over's), never lowering it. */
  async continueSequence(tx: Transaction, statisticsId: string, atLeast: number): Promise<void> {
    await tx.manager.query(
      `INSERT INTO statistics_sequence (statistics_id, last_sequence) VALUES ($1, $2)
       ON CONFLICT (statistics_id) DO UPDATE SET last_sequence = GREATEST(statistics_sequence.last_sequence, EXCLUDED.last_sequence)`,
      [statisticsId, atLeast],
    );
  }
}
