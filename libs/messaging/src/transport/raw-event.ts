/** One message as the transport sees it, from the bus or from the dead-letter store. */
export interface RawEvent {
  subject: string;
  data: Uint8Array;
  streamSeq?: number;
  deliveryCount: number;
  consumer: string;
  /** Set when replaying this dead letter. */
  deadLetterId?: string;
}

/** applied: committed; duplicate: seen before, no effect; dead-lettered: stored with reason; retry: transient failure. */
export type Outcome = 'applied' | 'duplicate' | 'dead-lettered' | 'retry';
