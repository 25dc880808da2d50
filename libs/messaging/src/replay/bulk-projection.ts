import type { EventContract, EventEnvelope } from '@rujukan/contracts';
import type { Transaction } from '../transaction/transaction.js';

/**
 * How a node applies many events of one contract at once, for its rebuild:
 * the same rows its live handler writes for each of them in stream order.
 * Events that share a key are applied in stream order, one statement round
 * each; events with no key in common are applied together (they commute).
 */
export interface BulkProjection<P extends object = object> {
  /** The contract's pattern, as its live handler subscribes to it. */
  readonly pattern: string;
  /** What the live handler would reject the event for (it is dead-lettered alone), or undefined. */
  rejection(envelope: EventEnvelope<P>): string | undefined;
  /**
   * Every row the event reads or writes (`<table>:<id>`); undefined when it
   * must be applied alone, through its live handler.
   */
  keys(envelope: EventEnvelope<P>): string[] | undefined;
  /** Applies these events, no two of which share a key, in the caller's transaction. */
  apply(tx: Transaction, envelopes: Array<EventEnvelope<P>>): Promise<void>;
}

/** A contract's bulk projection, typed by its payload. */
export function bulkProjection<P extends object>(
  contract: Pick<EventContract<P>, 'pattern'>,
  projection: Omit<BulkProjection<P>, 'pattern'>,
): BulkProjection {
  return { pattern: contract.pattern, ...projection };
}

/**
 * Stream positions grouped into rounds so that each round's events share no
 * key and every event comes after each earlier one it shares a key with; an
 * event without keys is a round of its own, after everything before it.
 */
export function applicationRounds(keys: Array<string[] | undefined>): number[][] {
  const last = new Map<string, number>();
  const rounds: number[][] = [];
  let floor = -1;
  for (const [index, own] of keys.entries()) {
    let round: number;
    if (!own) {
      round = rounds.length;
      floor = round;
    } else {
      round = floor + 1;
      for (const k of own) round = Math.max(round, (last.get(k) ?? -1) + 1);
      for (const k of own) last.set(k, round);
    }
    (rounds[round] ??= []).push(index);
  }
  return rounds;
}
