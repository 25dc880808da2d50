import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@rujukan/contracts';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { currentCorrelationId } from '../correlation.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { Transaction } from './transaction.js';
import { currentTransactionGuard } from './transaction-guard.js';

/**
 * Opens the transactions of a node. HTTP use cases call `run`; event handlers
 * get their transaction from the transport (`ctx.tx`), already holding the
 * inbox row. Either way, services take the `Transaction` as a parameter.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly relay: OutboxRelay,
  ) {}

  /** Runs `work` in one transaction; events it emits are published after commit. */
  async run<T>(work: (tx: Transaction) => Promise<T>, options: { cause?: EventEnvelope; correlationId?: string } = {}): Promise<T> {
    let emitted = 0;
    const guard = currentTransactionGuard();
    const result = await this.dataSource.transaction(async (manager) => {
      // First, so its row lock is held until this transaction ends.
      if (guard) await guard(manager);
      const tx = new Transaction(
        manager,
        this.config,
        options.cause,
        options.correlationId ?? options.cause?.correlationId ?? currentCorrelationId(),
      );
      const value = await work(tx);
      emitted = tx.emittedCount;
      return value;
    });
    if (emitted > 0) this.relay.wake();
    return result;
  }
}
