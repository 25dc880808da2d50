import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusConnection, MESSAGING_CONFIG, OutboxRelay, type MessagingConfig } from '@rujukan/messaging';
import { isDatabaseHealthy } from '@rujukan/persistence';

/** Is this node's database answering, is it connected to the bus, and how much waits in its outbox. */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
    private readonly outbox: OutboxRelay,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  async check() {
    const [database, pending] = await Promise.all([
      isDatabaseHealthy(this.dataSource, 2000),
      // Unknown (null) while the database is down.
      this.outbox.unsentCount().catch(() => null),
    ]);
    return {
      node: this.config.node,
      agency: this.config.agency,
      database: database ? 'up' : 'down',
      bus: this.bus.isConnected ? 'connected' : 'disconnected',
      outboxPending: pending,
    };
  }
}
