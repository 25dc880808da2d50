import { IsNull, type EntityManager } from 'typeorm';
import { DeadLetter } from '../entities/dead-letter.entity.js';

/** One message stored as a dead letter. */
export interface NewDeadLetter {
  consumer: string;
  subject: string;
  streamSeq: number | null;
  eventId: string | null;
  pattern: string | null;
  reason: string;
  data: Uint8Array;
}

/** Every statement on `messaging_dead_letter`, in the transaction of the manager it is given. */
export class DeadLetterRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Whether an open (not successfully replayed) letter holds this event. */
  async isOpenForEvent(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`SELECT 1 FROM messaging_dead_letter WHERE event_id = $1 AND replayed_at IS NULL`, [
      eventId,
    ]);
    return rows.length > 0;
  }

  /** Whether an open letter without a readable id holds this stream sequence of this consumer. */
  async isOpenForStreamSeq(consumer: string, streamSeq: number): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM messaging_dead_letter WHERE event_id IS NULL AND consumer = $1 AND stream_seq = $2 AND replayed_at IS NULL`,
      [consumer, streamSeq],
    );
    return rows.length > 0;
  }

  async insert(letter: NewDeadLetter): Promise<void> {
    await this.manager.query(
      `INSERT INTO messaging_dead_letter (consumer, subject, stream_seq, event_id, pattern, reason, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [letter.consumer, letter.subject, letter.streamSeq, letter.eventId, letter.pattern, letter.reason, Buffer.from(letter.data)],
    );
  }

  /** A replay that failed for good: the letter stays open with the new reason. */
  async recordFailedReplay(id: string, reason: string): Promise<void> {
    await this.manager.query(`UPDATE messaging_dead_letter SET reason = $2, replay_outcome = 'dead-lettered' WHERE id = $1`, [id, reason]);
  }

  /** Letters, newest first; `open` only those not yet replayed successfully. */
  async list(options: { open?: boolean; limit: number }): Promise<DeadLetter[]> {
    return this.manager.getRepository(DeadLetter).find({
      where: options.open ? { replayedAt: IsNull() } : {},
      order: { createdAt: 'DESC' },
      take: options.limit,
    });
  }

  async findById(id: string): Promise<DeadLetter | null> {
    return this.manager.getRepository(DeadLetter).findOneBy({ id });
  }

  /** Closes the letter: its replay was applied or found a duplicate. */
  async markReplayed(id: string, outcome: string): Promise<void> {
    await this.manager.getRepository(DeadLetter).update({ id }, { replayedAt: new Date(), replayOutcome: outcome });
  }

  /** Notes a replay's outcome and leaves the letter open. */
  async noteReplayOutcome(id: string, outcome: string): Promise<void> {
    await this.manager.getRepository(DeadLetter).update({ id }, { replayOutcome: outcome });
  }
}
