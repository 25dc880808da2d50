import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { BusConnection, DEAD_LETTER_KINDS, JetStreamTransport, MessagingMetrics, MessagingStateQuery } from '@rujukan/messaging';

/**
 * The node's Prometheus metrics (GET /metrics; docs/operations.md lists
 * them). Counts, ages and latencies only: no label ever holds a person's
 * data (routes are patterns, events are types, dead letters are kinds).
 * The gauges are read from the database and the bus at each scrape.
 */
@Injectable()
export class NodeMetrics {
  private readonly registry = new Registry();
  private readonly http = new Histogram({
    name: 'rujukan_http_request_seconds',
    help: 'HTTP requests by method, route pattern and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [this.registry] });
  private readonly up = {
    database: this.gauge('rujukan_database_up', '1 while the node’s database answers the scrape, else 0'),
    bus: this.gauge('rujukan_bus_connected', '1 while the node is connected to the bus, else 0'),
  };
  private readonly outboxBacklog = this.gauge('rujukan_outbox_backlog', 'Events written but not yet published to the bus');
  private readonly outboxOldest = this.gauge(
    'rujukan_outbox_oldest_seconds',
    'Age of the oldest event not yet published (0 when none waits)',
  );
  private readonly receiptsWaiting = this.gauge('rujukan_receipts_waiting', 'Addressed events published whose receipt has not come back');
  private readonly deadLetters = this.gauge('rujukan_dead_letters_open', 'Dead letters not yet replayed, by kind of reason', ['kind']);
  private readonly consumer = {
    pending: this.gauge('rujukan_consumer_pending', 'Events waiting on the bus for this node’s consumer', ['consumer']),
    unacknowledged: this.gauge('rujukan_consumer_unacknowledged', 'Events delivered to this node and not yet acknowledged', ['consumer']),
    redelivered: this.gauge('rujukan_consumer_redelivered', 'Events the bus is redelivering to this node’s consumer', ['consumer']),
  };

  constructor(
    private readonly bus: BusConnection,
    private readonly transport: JetStreamTransport,
    private readonly state: MessagingStateQuery,
    private readonly messaging: MessagingMetrics,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'rujukan_' });
  }

  /** Records one HTTP request (from the request observer). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  /** The text Prometheus scrapes, with the gauges read now. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    await this.refresh();
    const all = Registry.merge([this.registry, this.messaging.registry]);
    return { contentType: all.contentType, body: await all.metrics() };
  }

  private async refresh(): Promise<void> {
    try {
      const s = await this.state.read();
      this.up.database.set(1);
      this.outboxBacklog.set(s.outboxBacklog);
      this.outboxOldest.set(s.outboxOldestSeconds);
      this.receiptsWaiting.set(s.receiptsWaiting);
      for (const kind of DEAD_LETTER_KINDS) this.deadLetters.set({ kind }, s.deadLetters[kind]);
    } catch {
      // The database is down: its gauges keep their last values, and say so.
      this.up.database.set(0);
    }
    this.up.bus.set(this.bus.isConnected ? 1 : 0);
    if (!this.bus.isConnected) return;
    try {
      for (const c of await this.transport.consumerStates()) {
        if (c.missing) continue;
        this.consumer.pending.set({ consumer: c.name }, c.pending);
        this.consumer.unacknowledged.set({ consumer: c.name }, c.unacknowledged);
        this.consumer.redelivered.set({ consumer: c.name }, c.redelivered);
      }
    } catch {
      // The bus did not answer: the consumer gauges keep their last values.
    }
  }
}
