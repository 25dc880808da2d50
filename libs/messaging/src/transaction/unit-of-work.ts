import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@rujukan/contracts';
import { EnvelopeProtection } from '../keys/envelope-protection.js';
import type { MessagingConfig } from '../messaging.config.js';
import { MESSAGING_CONFIG } from '../messaging.constants.js';
import { currentCorrelationId } from '../correlation.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { Transaction } from './transaction.js';
import { currentTransactionHooks } from './transaction-guard.js';

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
    private readonly protection: EnvelopeProtection,
  ) {}

  /** Runs `work` in one transaction; events it emits are published after commit. */
  async run<T>(work: (tx: Transaction) => Promise<T>, options: { cause?: EventEnvelope; correlationId?: string } = {}): Promise<T> {
    let emitted = 0;
    const hooks = currentTransactionHooks();
    const result = await this.dataSource.transaction(async (manager) => {
      // First, so their row locks are held until this transaction ends.
      for (const h of hooks) if (h.first) await h.first(manager);
      const tx = new Transaction(
        manager,
        this.config,
        options.cause,
        options.correlationId ?? options.cause?.correlationId ?? currentCorrelationId(),
        this.protection,
      );
      const value = await work(tx);
      emitted = tx.emittedCount;
      // Last, innermost first, so what they lock is held only until the commit right after.
      for (const h of [...hooks].reverse()) if (h.beforeCommit) await h.beforeCommit(manager, value);
      return value;
    });
    for (const h of hooks) h.afterCommit?.();
    if (emitted > 0) this.relay.wake();
    return result;
  }
}
