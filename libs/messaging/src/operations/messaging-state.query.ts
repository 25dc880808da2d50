import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BROADCAST } from '@rujukan/contracts';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { DEAD_LETTER_KINDS, deadLetterKind, type DeadLetterKind } from './dead-letter-kind.js';

/** What waits in this node's messaging tables: counts and ages only, never an event. */
export interface MessagingState {
  /** Events written but not yet published (broadcasts held for their interval included). */
  outboxBacklog: number;
  /** How long the most overdue of them waits, in seconds (a broadcast: beyond its interval; 0 when none waits). */
  outboxOldestSeconds: number;
  /** Addressed events published whose receipt has not come back. */
  receiptsWaiting: number;
  /** Open (not successfully replayed) dead letters, by kind of reason. */
  deadLetters: Record<DeadLetterKind, number>;
}

/**
 * The one way readiness, metrics and the node's report to the bus team read
 * messaging's tables (the outbox and the dead letters are messaging's own).
 */
@Injectable()
export class MessagingStateQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  /** Outbox backlog and age, receipts waiting and open dead letters, read in one statement. */
  async read(): Promise<MessagingState> {
    // One query, not several in parallel: a DataSource query may run on any pooled client, but
    // one statement keeps the snapshot consistent and the pool free.
    const [row] = await this.dataSource.query<
      Array<{ backlog: number; oldest: number | null; receipts: number; letters: Array<{ reason: string; n: number }> | null }>
    >(
      `SELECT
         (SELECT count(*)::int FROM messaging_outbox WHERE sent_at IS NULL) AS backlog,
         (SELECT extract(epoch FROM max(now() - created_at - CASE WHEN recipient = $1 THEN $2::interval ELSE interval '0' END))::float8
            FROM messaging_outbox WHERE sent_at IS NULL) AS oldest,
         (SELECT count(*)::int FROM messaging_outbox WHERE requires_receipt AND receipt_at IS NULL AND sent_at IS NOT NULL) AS receipts,
         (SELECT json_agg(json_build_object('reason', reason, 'n', n)) FROM
            (SELECT reason, count(*)::int AS n FROM messaging_dead_letter WHERE replayed_at IS NULL GROUP BY reason) r) AS letters`,
      // Broadcasts are held on purpose until their interval ends (docs/messaging.md, "Broadcast batches"): not late before.
      [BROADCAST, `${this.config.broadcastIntervalMs} milliseconds`],
    );
    const deadLetters = Object.fromEntries(DEAD_LETTER_KINDS.map((k) => [k, 0])) as Record<DeadLetterKind, number>;
    for (const { reason, n } of row.letters ?? []) deadLetters[deadLetterKind(reason)] += n;
    return {
      outboxBacklog: row.backlog,
      outboxOldestSeconds: Math.max(0, Math.round(row.oldest ?? 0)),
      receiptsWaiting: row.receipts,
      deadLetters,
    };
  }
}
