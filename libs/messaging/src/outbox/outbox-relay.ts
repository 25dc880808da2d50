import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import { BusConnection, describe } from '../bus-connection.js';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { OutboxRepository, type OutboxRow } from '../repositories/outbox.repository.js';

/**
 * Publishes what the outbox holds. New events go out in batches, one case's
 * events strictly in the order written (a case stops at its first failure),
 * with the event id as the JetStream message id. Addressed events that got no
 * receipt within `receiptTimeoutMs` are sent again with the same event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private pendingWake = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
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
          await this.resendUnreceipted();
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
        await this.sleep(failures ? Math.min(this.config.outboxPollMs * 2 ** Math.min(failures, 6), 60000) : this.config.outboxPollMs);
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
    return this.dataSource.transaction(async (manager) => {
      const outbox = new OutboxRepository(manager);
      // One relay at a time per database: two relays (a second replica) could
      // otherwise publish a case's later event before its earlier one.
      if (!(await outbox.tryRelayLock())) return { published: 0, failed: 0 };
      const rows = await outbox.unsent(this.config.outboxBatch);
      if (!rows.length) return { published: 0, failed: 0 };
      const published = await this.publishRows(outbox, rows);
      return { published, failed: rows.length - published };
    });
  }

  /** Re-sends addressed events whose receipt is overdue. */
  async resendUnreceipted(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const outbox = new OutboxRepository(manager);
      const rows = await outbox.awaitingReceipt(this.config.receiptTimeoutMs, this.config.outboxBatch);
      if (!rows.length) return 0;
      this.logger.warn(`re-sending ${rows.length} event(s) with no receipt after ${this.config.receiptTimeoutMs} ms`);
      return this.publishRows(outbox, rows);
    });
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
