import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { BROADCAST, buildSubject } from '@rujukan/contracts';
import { BusConnection, describe } from '../bus-connection.js';
import { BatchNotSealable, EnvelopeProtection } from '../keys/envelope-protection.js';
import { BATCH_AREA, BATCH_EVENT, BATCH_VERSION, shuffled, type BatchedEvent, type BroadcastBatch } from '../keys/sealed-batch.js';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { OutboxRepository, type OutboxRow } from '../repositories/outbox.repository.js';

/**
 * Publishes what the outbox holds. New events go out in batches, one case's
 * events strictly in the order written (a case stops at its first failure),
 * with the event id as the JetStream message id. Addressed events that got no
 * receipt within `receiptTimeoutMs` are sent again with the same event id,
 * each further time after twice the wait before, up to `receiptResendMaxMs`.
 * Broadcasts wait: once every `broadcastIntervalMs` all of them leave in
 * shuffled batches, each sealed to the reporting agencies and signed once
 * (docs/messaging.md "Broadcast batches").
 *
 * One relay publishes per database (a second replica waits): it holds a
 * session advisory lock on a connection of its own, so no transaction stays
 * open while publishes wait for the bus's acks; rows are marked sent in one
 * statement after their publishes. It is woken after a commit that emitted
 * something, and looks for overdue receipts on a timer of its own.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pendingWake = false;
  private lastBroadcastAt = Date.now();
  private lastResendCheckAt = 0;
  /** The connection that holds the relay's session lock, while it holds it. */
  private lockHolder?: QueryRunner;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly protection: EnvelopeProtection,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.passive) return; // a command-line run: the live node's relay does the publishing
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.dropLock();
  }

  /** How often overdue receipts are looked for: a quarter of the receipt wait, never more often than the poll. */
  private get resendCheckMs(): number {
    return Math.max(this.config.outboxPollMs, Math.floor(this.config.receiptTimeoutMs / 4));
  }

  /**
   * True while this relay holds the lock (taking it if free). A connection
   * that broke took its lock with it: it is dropped, and the lock taken anew
   * on a fresh one when no other relay got it meanwhile.
   */
  private async holdLock(): Promise<boolean> {
    if (this.lockHolder) {
      try {
        if (await new OutboxRepository(this.lockHolder.manager).holdsRelaySessionLock()) return true;
      } catch {
        // the connection is gone, and its lock with it
      }
      await this.dropLock();
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      if (await new OutboxRepository(runner.manager).tryRelaySessionLock()) {
        this.lockHolder = runner;
        return true;
      }
    } catch (err) {
      await runner.release().catch(() => undefined);
      throw err;
    }
    await runner.release();
    return false;
  }

  /** Unlocks before the connection goes back to the pool: a pooled connection must not keep the lock. */
  private async dropLock(): Promise<void> {
    const runner = this.lockHolder;
    this.lockHolder = undefined;
    if (!runner) return;
    try {
      await new OutboxRepository(runner.manager).releaseRelaySessionLock();
      await runner.release();
    } catch {
      // A broken connection: end it rather than pool it (its session, and the lock, end with it).
      const postgres = runner as QueryRunner & { releasePostgresConnection?: (err?: Error) => Promise<void> };
      await (postgres.releasePostgresConnection?.(new Error('relay lock connection broken')) ?? runner.release()).catch(() => undefined);
    }
  }

  /** Asks the relay to look at the outbox now rather than at its next poll. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pendingWake = true;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let busy = false;
      if (this.bus.isConnected) {
        try {
          const { published, failed } = await this.publishPending();
          if (Date.now() - this.lastResendCheckAt >= this.resendCheckMs) {
            await this.resendUnreceipted();
            this.lastResendCheckAt = Date.now();
          }
          if (Date.now() - this.lastBroadcastAt >= this.config.broadcastIntervalMs) {
            await this.publishBroadcasts();
            this.lastBroadcastAt = Date.now();
          }
          // Keep going while full batches go out; after failures (stream full,
          // no permission) back off instead of spinning on the same rows.
          busy = published === this.config.outboxBatch && failed === 0;
          failures = failed ? failures + 1 : 0;
        } catch (err) {
          // Database or bus unavailable: the events stay in the outbox.
          failures++;
          this.logger.warn(`outbox relay paused: ${describe(err)}`);
        }
      }
      if (!busy && this.running) {
        const untilBroadcasts = Math.max(0, this.lastBroadcastAt + this.config.broadcastIntervalMs - Date.now());
        const untilResendCheck = Math.max(0, this.lastResendCheckAt + this.resendCheckMs - Date.now());
        const poll = failures ? Math.min(this.config.outboxPollMs * 2 ** Math.min(failures, 6), 60000) : this.config.outboxPollMs;
        await this.sleep(Math.min(poll, untilBroadcasts || poll, untilResendCheck || poll));
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** How many events wait in the outbox, not yet published (for /health). */
  async unsentCount(): Promise<number> {
    return new OutboxRepository(this.dataSource.manager).unsentCount();
  }

  /** Publishes one batch of unsent events. */
  async publishPending(): Promise<{ published: number; failed: number }> {
    // One relay at a time per database: two relays (a second replica) could
    // otherwise publish a case's later event before its earlier one.
    if (!(await this.holdLock())) return { published: 0, failed: 0 };
    const outbox = new OutboxRepository(this.dataSource.manager);
    const rows = await outbox.unsent(this.config.outboxBatch);
    if (!rows.length) return { published: 0, failed: 0 };
    const published = await this.publishRows(outbox, rows);
    return { published, failed: rows.length - published };
  }

  /**
   * Sends every waiting broadcast now, in shuffled batches of at most
   * `broadcastBatch` events (and well under the receivers' size limit), each
   * with a fresh batch id. A batch whose publish fails stays in the outbox:
   * its events go out in a later batch with the ids they were written with,
   * so reporting's inbox counts them once. Returns how many events went out.
   */
  async publishBroadcasts(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await (async () => {
        if (!(await this.holdLock())) return 0;
        const outbox = new OutboxRepository(this.dataSource.manager);
        // Shuffled all together, not batch by batch: batches fetched in write order would leave the order between
        // them for anyone to read (the first batch holding what was written first).
        const rows = await outbox.unsentBroadcasts(this.config.broadcastBatch * SHUFFLED_TOGETHER);
        if (!rows.length) return 0;
        const js = await this.bus.jetstream();
        // base64 of the sealed events grows them by a third: keep the batch well within what receivers take.
        const budget = Math.floor(this.config.maxEventBytes * 0.6);
        let published = 0;
        const chunks = bySize(shuffled(rows), budget).flatMap((sized) => inGroupsOf(sized, this.config.broadcastBatch));
        for (const chunk of chunks) {
          const events: BatchedEvent[] = chunk.map((r) => ({ subject: r.subject, envelope: r.envelope }));
          let batch: BroadcastBatch;
          try {
            batch = this.protection.protectBatch(
              { id: randomUUID(), source: { agency: this.config.agency, node: this.config.node } },
              events,
            );
          } catch (err) {
            if (err instanceof BatchNotSealable) this.logger.error(`${err.message}; broadcasts stay in the outbox`);
            throw err;
          }
          const subject = buildSubject(this.config.prefix, {
            area: BATCH_AREA,
            event: BATCH_EVENT,
            version: BATCH_VERSION,
            from: this.config.agency,
            to: BROADCAST,
          });
          const h = natsHeaders();
          h.set('Ce-Id', batch.id);
          h.set('Ce-Type', `${BATCH_AREA}.${BATCH_EVENT}`);
          try {
            await js.publish(subject, JSON.stringify(batch), { msgID: batch.id, headers: h, timeout: this.config.publishTimeoutMs });
          } catch (err) {
            this.logger.warn(`broadcast batch not published, its events stay in the outbox: ${describe(err)}`);
            break;
          }
          await outbox.markSent(chunk.map((r) => r.seq));
          published += chunk.length;
        }
        return published;
      })();
      total += sent;
      if (sent < this.config.broadcastBatch * SHUFFLED_TOGETHER) return total;
    }
  }

  /** Re-sends addressed events whose receipt is overdue. */
  async resendUnreceipted(): Promise<number> {
    if (!(await this.holdLock())) return 0;
    const outbox = new OutboxRepository(this.dataSource.manager);
    const rows = await outbox.awaitingReceipt(this.config.receiptTimeoutMs, this.config.receiptResendMaxMs, this.config.outboxBatch);
    if (!rows.length) return 0;
    this.logger.warn(`re-sending ${rows.length} event(s) with no receipt after ${this.config.receiptTimeoutMs} ms`);
    return this.publishRows(outbox, rows);
  }

  /** Publishes rows (one case in order, cases in parallel); returns how many went out. */
  private async publishRows(outbox: OutboxRepository, rows: OutboxRow[]): Promise<number> {
    const js = await this.bus.jetstream();
    const byCase = new Map<string, OutboxRow[]>();
    for (const row of rows) byCase.set(row.case_key, [...(byCase.get(row.case_key) ?? []), row]);
    const published: string[] = [];
    await Promise.all(
      [...byCase.values()].map(async (chain) => {
        for (const row of chain) {
          const h = natsHeaders();
          h.set('Ce-Id', row.event_id);
          h.set('Ce-Type', String(row.envelope.type));
          try {
            await js.publish(row.subject, JSON.stringify(row.envelope), {
              // A re-send needs a fresh message id: the server would drop the
              // original id as a duplicate within its window, yet the point is
              // to replace a message the stream may have lost. The receiver's
              // inbox dedups on the envelope id, which never changes.
              msgID: row.sent_at ? `${row.event_id}:${row.send_count}` : row.event_id,
              headers: h,
              timeout: this.config.publishTimeoutMs,
            });
            published.push(row.seq);
          } catch (err) {
            this.logger.warn(`publish failed, will retry: ${describe(err)}`);
            return; // keep this case's order: nothing after a failed event goes out
          }
        }
      }),
    );
    if (published.length) await outbox.markSent(published);
    return published.length;
  }
}

/** Splits rows into runs whose envelopes' JSON stays within `budget` bytes (one row at least per run). */
function bySize(rows: OutboxRow[], budget: number): OutboxRow[][] {
  const runs: OutboxRow[][] = [];
  let run: OutboxRow[] = [];
  let size = 0;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row.envelope)) + row.subject.length + 32;
    if (run.length && size + bytes > budget) {
      runs.push(run);
      run = [];
      size = 0;
    }
    run.push(row);
    size += bytes;
  }
  if (run.length) runs.push(run);
  return runs;
}

/** How many batches' worth of waiting broadcasts are shuffled together before they are cut into batches. */
const SHUFFLED_TOGETHER = 20;

function inGroupsOf<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let i = 0; i < items.length; i += size) groups.push(items.slice(i, i + size));
  return groups;
}
