import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import { BusConnection } from '../bus-connection.js';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { directoryBucket, type AgencyCard } from './agency-card.js';

export type CardSource = () => Promise<Omit<AgencyCard, 'announcedAt' | 'stoppedAt'>>;
export type CapacitySource = () => Promise<AgencyCard['capacity']>;

/**
 * Keeps this agency's card on the directory bucket: at start, every
 * heartbeat, whenever `announce()` is called (a shelter's free places
 * changed), and marked stopped at a clean shutdown. While the bus is down the
 * announcements fail quietly and resume with it: the directory is advisory,
 * nothing waits for it.
 */
@Injectable()
export class DirectoryAnnouncer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DirectoryAnnouncer.name);
  private card?: CardSource;
  private capacity?: CapacitySource;
  private timer?: NodeJS.Timeout;
  private kv?: KV;
  private failing = false;
  /** The last card, marked stopped, races the bus connection's own shutdown: its failure is not news. */
  private stopping = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly bus: BusConnection,
  ) {}

  /** The node's card (set by the platform from the registry). */
  useCard(source: CardSource): void {
    this.card = source;
  }

  /** A node with places (the shelter) tells how many are free. */
  useCapacity(source: CapacitySource): void {
    this.capacity = source;
  }

  onApplicationBootstrap(): void {
    if (this.config.passive || !this.card) return;
    const beat = () => {
      void this.announce().finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(beat, this.config.directoryHeartbeatMs);
      });
    };
    this.timer = setTimeout(beat, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopping = true;
    if (this.bus.isConnected) await this.announce(new Date()).catch(() => undefined);
  }

  /** Puts the card now (serialised, so a heartbeat never overwrites a newer count). */
  announce(stoppedAt?: Date): Promise<void> {
    this.queue = this.queue.then(() => this.put(stoppedAt));
    return this.queue;
  }

  private async put(stoppedAt?: Date): Promise<void> {
    if (!this.card || !this.bus.isConnected) return;
    try {
      const card: AgencyCard = {
        ...(await this.card()),
        ...(this.capacity ? { capacity: await this.capacity() } : {}),
        announcedAt: new Date().toISOString(),
        ...(stoppedAt ? { stoppedAt: stoppedAt.toISOString() } : {}),
      };
      this.kv ??= await new Kvm(await this.bus.jetstream()).open(directoryBucket(this.config.stream));
      await this.kv.put(this.config.agency, JSON.stringify(card));
      if (this.failing) this.logger.log('directory announcement resumed');
      this.failing = false;
    } catch (err) {
      this.kv = undefined;
      if (!this.failing && !this.stopping) {
        this.logger.warn(
          `cannot announce this agency on the directory bucket ${directoryBucket(this.config.stream)} (${err instanceof Error ? err.message : String(err)}); retrying every heartbeat. If the bucket is missing, the bus team runs: npm run bus -- provision`,
        );
      }
      this.failing = true;
    }
  }
}
