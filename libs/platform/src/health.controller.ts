import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '@rujukan/auth';
import { BusConnection, MESSAGING_CONFIG, type MessagingConfig } from '@rujukan/messaging';
import { isDatabaseHealthy } from '@rujukan/persistence';

/** GET /health: is this node's database answering, and is it connected to the bus. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
  ) {}

  @Public()
  @Get()
  async health() {
    const [database, pending] = await Promise.all([
      isDatabaseHealthy(this.dataSource, 2000),
      this.dataSource
        .query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE sent_at IS NULL`)
        .then((r: Array<{ n: number }>) => r[0].n)
        .catch(() => null),
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
