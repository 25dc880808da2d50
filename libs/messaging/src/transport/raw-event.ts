/** One message as the transport sees it, from the bus or from the dead-letter store. */
export interface RawEvent {
  subject: string;
  data: Uint8Array;
  streamSeq?: number;
  deliveryCount: number;
  consumer: string;
  /** Set when replaying this dead letter. */
  deadLetterId?: string;
  /** A dead letter's event id: replaying a broadcast batch applies only this event of it. */
  eventId?: string;
  /** An event taken out of a broadcast batch: the batch as it came (what a dead letter keeps). */
  batch?: RawEvent;
}

/** applied: committed; duplicate: seen before, no effect; dead-lettered: stored with reason; retry: transient failure. */
export type Outcome = 'applied' | 'duplicate' | 'dead-lettered' | 'retry';
