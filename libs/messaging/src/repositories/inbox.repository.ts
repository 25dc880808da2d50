import type { EntityManager } from 'typeorm';

/** What the inbox keeps of an applied event: its id and where it came from, never its body. */
export interface NewInboxEntry {
  eventId: string;
  pattern: string;
  fromAgency: string;
  caseId: string | null;
  occurredAt: string;
  /** Where it was on the stream, and through which consumer (absent for a dead letter replayed without one). */
  streamSeq: number | null;
  consumer: string | null;
}

/** Every statement on `messaging_inbox`, in the transaction of the manager it is given. */
export class InboxRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Inserts the event's row unless it is there; false means a duplicate (its count is raised). */
  async record(entry: NewInboxEntry): Promise<boolean> {
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO messaging_inbox (event_id, pattern, from_agency, case_id, occurred_at, stream_seq, consumer) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [entry.eventId, entry.pattern, entry.fromAgency, entry.caseId, entry.occurredAt, entry.streamSeq, entry.consumer],
    );
    if (inserted.length) return true;
    await this.manager.query(`UPDATE messaging_inbox SET duplicate_deliveries = duplicate_deliveries + 1 WHERE event_id = $1`, [
      entry.eventId,
    ]);
    return false;
  }

  /** Forgets every event of these patterns, so a rebuild applies them again. */
  async forgetPatterns(patterns: readonly string[]): Promise<void> {
    await this.manager.query(`DELETE FROM messaging_inbox WHERE pattern = ANY($1)`, [patterns]);
  }
}
