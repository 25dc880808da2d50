import { BaseRpcContext } from '@nestjs/microservices';
import type { EventEnvelope } from '@rujukan/contracts';
import type { Transaction } from '../transaction/transaction.js';

export interface DeliveryInfo {
  subject: string;
  /** 1 on first delivery; 0 when replayed from the dead-letter store. */
  deliveryCount: number;
  consumer: string;
}

/**
 * What `@Ctx()` gives an event handler: the envelope, delivery facts and the
 * open transaction that already holds this event's inbox row. Do all writes
 * through `ctx.tx.manager` and emit through `ctx.tx.emit`.
 */
export class EventContext extends BaseRpcContext<[EventEnvelope, Transaction, DeliveryInfo]> {
  get envelope(): EventEnvelope {
    return this.args[0];
  }
  get tx(): Transaction {
    return this.args[1];
  }
  get delivery(): DeliveryInfo {
    return this.args[2];
  }
}
