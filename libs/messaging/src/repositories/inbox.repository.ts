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

  /** Inserts the rows that are not there, in one statement: the ids of those inserted (the rest are duplicates). */
  async recordMany(entries: readonly NewInboxEntry[]): Promise<Set<string>> {
    if (!entries.length) return new Set();
    const rows = entries.map((e) => ({
      event_id: e.eventId,
      pattern: e.pattern,
      from_agency: e.fromAgency,
      case_id: e.caseId,
      occurred_at: e.occurredAt,
      stream_seq: e.streamSeq,
      consumer: e.consumer,
    }));
    const inserted: Array<{ event_id: string }> = await this.manager.query(
      `INSERT INTO messaging_inbox (event_id, pattern, from_agency, case_id, occurred_at, stream_seq, consumer)
       SELECT event_id, pattern, from_agency, case_id, occurred_at, stream_seq, consumer
         FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, pattern text, from_agency text, case_id uuid, occurred_at timestamptz,
           stream_seq bigint, consumer text)
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [JSON.stringify(rows)],
    );
    return new Set(inserted.map((r) => r.event_id));
  }

  /** Raises the duplicate count of each event by the times it came again. */
  async countDuplicates(times: ReadonlyMap<string, number>): Promise<void> {
    if (!times.size) return;
    await this.manager.query(
      `UPDATE messaging_inbox i SET duplicate_deliveries = i.duplicate_deliveries + d.n
         FROM unnest($1::uuid[], $2::int[]) AS d(id, n) WHERE i.event_id = d.id`,
      [[...times.keys()], [...times.values()]],
    );
  }

  /** Forgets every event of these patterns, so a rebuild applies them again. */
  async forgetPatterns(patterns: readonly string[]): Promise<void> {
    await this.manager.query(`DELETE FROM messaging_inbox WHERE pattern = ANY($1)`, [patterns]);
  }
}
