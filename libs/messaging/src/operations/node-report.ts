import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import { BusConnection, describe } from '../bus-connection.js';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import type { DeadLetterKind } from './dead-letter-kind.js';
import { MessagingStateQuery } from './messaging-state.query.js';

/**
 * What a node tells the bus team about itself (`npm run bus -- status`):
 * counts only, never an event or anything in one. One entry per agency on
 * the reports bucket, replaced every heartbeat.
 */
export interface NodeReport {
  agency: string;
  node: string;
  reportedAt: string;
  outboxBacklog: number;
  outboxOldestSeconds: number;
  receiptsWaiting: number;
  /** Open dead letters by kind of reason; kinds with none are left out. */
  deadLetters: Partial<Record<DeadLetterKind, number>>;
}

/** The nodes' reports bucket: one per network, beside its stream and directory. */
export function reportsBucket(stream: string): string {
  return `${stream}_REPORTS`;
}

/**
 * Puts this node's report on the reports bucket every directory heartbeat.
 * Like the directory card it is advisory: while the bus or the database is
 * down the report is skipped, and resumes with them.
 */
@Injectable()
export class NodeReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NodeReporter.name);
  private timer?: NodeJS.Timeout;
  private kv?: KV;
  private failing = false;

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly bus: BusConnection,
    private readonly state: MessagingStateQuery,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.passive) return;
    const beat = () => {
      void this.report().finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(beat, this.config.directoryHeartbeatMs);
      });
    };
    this.timer = setTimeout(beat, 0);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Puts the report now; never throws. */
  async report(): Promise<void> {
    if (!this.bus.isConnected) return;
    try {
      const s = await this.state.read();
      const report: NodeReport = {
        agency: this.config.agency,
        node: this.config.node,
        reportedAt: new Date().toISOString(),
        outboxBacklog: s.outboxBacklog,
        outboxOldestSeconds: s.outboxOldestSeconds,
        receiptsWaiting: s.receiptsWaiting,
        deadLetters: Object.fromEntries(Object.entries(s.deadLetters).filter(([, n]) => n > 0)),
      };
      this.kv ??= await new Kvm(await this.bus.jetstream()).open(reportsBucket(this.config.stream));
      await this.kv.put(this.config.agency, JSON.stringify(report));
      if (this.failing) this.logger.log('node report resumed');
      this.failing = false;
    } catch (err) {
      this.kv = undefined;
      if (!this.failing && this.timer !== undefined) {
        this.logger.warn(
          `cannot put this node's report on ${reportsBucket(this.config.stream)} (${describe(err)}); retrying every heartbeat. If the bucket is missing, the bus team runs: npm run bus -- provision`,
        );
      }
      this.failing = true;
    }
  }
}
