import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { BusConnection, JetStreamTransport, MessagingStateQuery } from '@rujukan/messaging';
import { isDatabaseHealthy } from '@rujukan/persistence';
import { OPERATIONS_SETTINGS, type OperationsSettings } from './operations.settings.js';

const CHECK_TIMEOUT_MS = 2000;

/**
 * Readiness (GET /health/ready): this node can do its work now. Four
 * checks, each named in the answer (docs/operations.md says what to do):
 * `database` answers, `bus` is connected, `consumers` (this node's own
 * durable consumers) exist on the bus, `outbox` neither too long nor too old.
 * Liveness (GET /health/live) only says the process answers.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
    private readonly transport: JetStreamTransport,
    private readonly state: MessagingStateQuery,
    @Inject(OPERATIONS_SETTINGS) private readonly settings: OperationsSettings,
  ) {}

  live() {
    return this.health.check([]);
  }

  ready() {
    return this.health.check([() => this.database(), () => this.busLink(), () => this.consumers(), () => this.outbox()]);
  }

  private async database() {
    const check = this.indicator.check('database');
    return (await isDatabaseHealthy(this.dataSource, CHECK_TIMEOUT_MS)) ? check.up() : check.down({ message: 'database not answering' });
  }

  private busLink() {
    const check = this.indicator.check('bus');
    return this.bus.isConnected ? check.up() : check.down({ message: 'not connected to the bus; reconnecting' });
  }

  private async consumers() {
    const check = this.indicator.check('consumers');
    if (!this.bus.isConnected) return check.down({ message: 'unknown while the bus is not connected' });
    try {
      const states = await withTimeout(this.transport.consumerStates());
      const missing = states.filter((s) => s.missing).map((s) => s.name);
      return missing.length
        ? check.down({ message: 'consumer(s) missing on the bus: the bus team runs provision', missing })
        : check.up({ names: states.map((s) => s.name) });
    } catch {
      return check.down({ message: 'the bus did not answer about this node’s consumers' });
    }
  }

  private async outbox() {
    const check = this.indicator.check('outbox');
    let backlog: number, oldestSeconds: number;
    try {
      const s = await withTimeout(this.state.read());
      backlog = s.outboxBacklog;
      oldestSeconds = s.outboxOldestSeconds;
    } catch {
      return check.down({ message: 'unknown while the database does not answer' });
    }
    const { readyOutboxMax: max, readyOutboxMaxAgeSeconds: maxAge } = this.settings;
    if (backlog > max) return check.down({ message: `more than ${max} events wait to be published`, backlog, oldestSeconds });
    if (oldestSeconds > maxAge) return check.down({ message: `an event has waited more than ${maxAge} s`, backlog, oldestSeconds });
    return check.up({ backlog, oldestSeconds });
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
}
