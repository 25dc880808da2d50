import type { EventEnvelope } from '@rujukan/contracts';

/** Optional observers of the transport (metrics, fault-injection in tests). */
export interface TransportHooks {
  /** After the event's transaction committed and before it is acknowledged. */
  afterCommit?(envelope: EventEnvelope, info: { duplicate: boolean }): void | Promise<void>;
}
