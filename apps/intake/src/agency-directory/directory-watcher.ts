import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  BusConnection,
  consumerNames,
  directoryBucket,
  MESSAGING_CONFIG,
  UnitOfWork,
  type AgencyCard,
  type MessagingConfig,
} from '@rujukan/messaging';
import { AgencyCardRepository } from './agency-card.repository.js';

/**
 * Follows the directory bucket (through intake's own durable consumer on it,
 * provisioned by the bus team) and keeps the latest card of every agency in
 * intake's own database. A newer card replaces an older one only; a card
 * under another agency's key is ignored (the bus lets each agency write its
 * own key only; this is the second check). While the bus is down the copy
 * stays as it was, and the watch starts again when the bus returns.
 */
@Injectable()
export class DirectoryWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DirectoryWatcher.name);
  private stopping = false;
  private stopWatch?: () => void;
  private running?: Promise<void>;

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly bus: BusConnection,
    private readonly uow: UnitOfWork,
    private readonly cards: AgencyCardRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.passive) return;
    this.running = this.loop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.stopWatch?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    let warned = false;
    while (!this.stopping) {
      try {
        // The consumer the bus team provisioned for this agency: the latest card of each agency, then every renewal.
        const bucket = directoryBucket(this.config.stream);
        const consumer = await (await this.bus.jetstream()).consumers.get(`KV_${bucket}`, consumerNames(this.config.agency).directory);
        const messages = await consumer.consume({ max_messages: 100 });
        this.stopWatch = () => messages.stop();
        if (warned) this.logger.log('following the agency directory again');
        warned = false;
        for await (const m of messages) {
          const operation = m.headers?.get('KV-Operation');
          if (!operation || operation === 'PUT') await this.keep(m.subject.slice(`$KV.${bucket}.`.length), m.string());
          m.ack();
        }
      } catch (err) {
        if (!warned)
          this.logger.warn(
            `cannot follow the agency directory (${err instanceof Error ? err.message : String(err)}); using the last copy, retrying`,
          );
        warned = true;
      }
      if (!this.stopping) await new Promise((r) => setTimeout(r, this.config.reconnectWaitMs));
    }
  }

  private async keep(key: string, raw: string): Promise<void> {
    let card: AgencyCard;
    try {
      card = JSON.parse(raw) as AgencyCard;
    } catch {
      this.logger.warn(`ignored an unreadable directory card under ${key}`);
      return;
    }
    const at = new Date(card.announcedAt);
    if (card.id !== key || Number.isNaN(at.getTime())) {
      this.logger.warn(`ignored a directory card under ${key} that names ${String(card.id)} or has no valid time`);
      return;
    }
    await this.uow.run((tx) => this.cards.keep(tx, key, card, at));
  }
}
