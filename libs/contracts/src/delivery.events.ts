import { IsUUID, Matches } from 'class-validator';
import { ANY_ROLE, defineEvent } from './define-event.js';

/**
 * End-to-end receipt: the receiving node has committed the event (or had
 * committed it before). Written to the receiver's outbox in the same
 * transaction as its inbox row; the messaging layer sends and consumes it.
 */
export class DeliveryReceivedV1 {
  @IsUUID()
  eventId: string;

  @Matches(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/)
  pattern: string;
}

export const DeliveryReceived = defineEvent({
  area: 'delivery',
  event: 'received',
  version: 1,
  payload: DeliveryReceivedV1,
  receipt: false,
  // Every node sends receipts; the sender must still be a registered agency.
  senders: [ANY_ROLE],
});
