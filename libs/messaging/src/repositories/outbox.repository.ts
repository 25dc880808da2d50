import type { EntityManager } from 'typeorm';
import { BROADCAST } from '@rujukan/contracts';

/** Advisory lock key of the outbox relay (any fixed number unique in the node's database). */
const RELAY_LOCK = 727001;

/** An outbox row as the relay publishes it. */
export interface OutboxRow {
  seq: string;
  event_id: string;
  subject: string;
  case_key: string;
  envelope: Record<string, unknown>;
  send_count: number;
  sent_at: Date | null;
}

/** What `Transaction.emit` writes for one event. */
export interface NewOutboxRow {
  eventId: string;
  pattern: string;
  subject: string;
  recipient: string;
  /** One case's events are published in order; an event without a case is its own key. */
  caseKey: string;
  envelope: object;
  requiresReceipt: boolean;
}

const PUBLISHED_COLUMNS = 'seq, event_id, subject, case_key, envelope, send_count, sent_at';

/** Every statement on `messaging_outbox`, in the transaction (or on the connection) of the manager it is given. */
export class OutboxRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Writes one event, to be published after commit. */
  async insert(row: NewOutboxRow): Promise<void> {
    await this.manager.query(
      `INSERT INTO messaging_outbox (event_id, pattern, subject, recipient, case_key, envelope, requires_receipt)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [row.eventId, row.pattern, row.subject, row.recipient, row.caseKey, JSON.stringify(row.envelope), row.requiresReceipt],
    );
  }

  /**
   * Takes the relay's lock for the life of this manager's connection (a
   * session lock, so no transaction stays open while publishes wait for the
   * bus); false if another relay holds it. The connection must be one of the
   * relay's own: the lock goes when it is unlocked or the connection ends.
   */
  async tryRelaySessionLock(): Promise<boolean> {
    const [{ locked }] = await this.manager.query<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_lock(${RELAY_LOCK}) AS locked`);
    return locked;
  }

  /** True while this manager's connection still holds the relay's session lock. */
  async holdsRelaySessionLock(): Promise<boolean> {
    const [{ held }] = await this.manager.query<Array<{ held: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = ${RELAY_LOCK} AND objsubid = 1 AND pid = pg_backend_pid() AND granted) AS held`,
    );
    return held;
  }

  /** Gives the relay's session lock back (before its connection returns to the pool). */
  async releaseRelaySessionLock(): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_unlock(${RELAY_LOCK})`);
  }

  /** How many events wait to be published (the node's health shows it). */
  async unsentCount(): Promise<number> {
    const [row] = await this.manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM messaging_outbox WHERE sent_at IS NULL`);
    return row.n;
  }

  /** The oldest unsent addressed rows, in the order written (broadcasts leave in batches: unsentBroadcasts). */
  async unsent(limit: number): Promise<OutboxRow[]> {
    return this.manager.query(
      `SELECT ${PUBLISHED_COLUMNS} FROM messaging_outbox WHERE sent_at IS NULL AND recipient <> $2 ORDER BY seq LIMIT $1`,
      [limit, BROADCAST],
    );
  }

  /** Unsent broadcasts for one batch, drawn at random: which batch an event lands in says nothing of when it was written. */
  async unsentBroadcasts(limit: number): Promise<OutboxRow[]> {
    return this.manager.query(
      `SELECT ${PUBLISHED_COLUMNS} FROM messaging_outbox WHERE sent_at IS NULL AND recipient = $2 ORDER BY random() LIMIT $1`,
      [limit, BROADCAST],
    );
  }

  /** Sent addressed rows whose receipt is overdue (the relay's lock keeps a second relay from taking them too). */
  async awaitingReceipt(firstAfterMs: number, maxWaitMs: number, limit: number): Promise<OutboxRow[]> {
    // The n-th re-send waits firstAfterMs * 2^(n-1), at most maxWaitMs (never less than firstAfterMs).
    return this.manager.query(
      `SELECT ${PUBLISHED_COLUMNS} FROM messaging_outbox
       WHERE requires_receipt AND receipt_at IS NULL AND sent_at IS NOT NULL
         AND last_sent_at < now() - make_interval(secs => greatest($1::double precision,
               least($1::double precision * power(2, least(greatest(send_count - 1, 0), 40)), $2::double precision)) / 1000)
       ORDER BY seq LIMIT $3`,
      [firstAfterMs, maxWaitMs, limit],
    );
  }

  /** Records a publish (first or repeated) of these rows. */
  async markSent(seqs: readonly string[]): Promise<void> {
    await this.manager.query(
      `UPDATE messaging_outbox SET sent_at = coalesce(sent_at, now()), last_sent_at = now(), send_count = send_count + 1
       WHERE seq = ANY($1::bigint[])`,
      [seqs],
    );
  }

  /** Marks an event delivered; only the addressee's receipt counts. */
  async markReceipted(eventId: string, recipient: string): Promise<void> {
    await this.manager.query(
      `UPDATE messaging_outbox SET receipt_at = now()
       WHERE event_id = $1 AND recipient = $2 AND receipt_at IS NULL`,
      [eventId, recipient],
    );
  }
}
