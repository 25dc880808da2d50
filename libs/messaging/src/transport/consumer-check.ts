import type { JetStreamManager } from '@nats-io/jetstream';
import { askWhileElecting } from '../jetstream-ready.js';
import type { ConsumerPlace } from '../messaging.config.js';

/** Stops a node whose consumers the bus team has not provisioned. */
export class ConsumersMissingError extends Error {
  constructor(stream: string, missing: string[]) {
    super(
      `JetStream consumer(s) ${missing.join(', ')} do not exist on stream ${stream}. ` +
        `Nodes never create them: ask the bus team to add this agency to the registry and run "npm run bus -- provision".`,
    );
    this.name = 'ConsumersMissingError';
  }
}

/**
 * The stream one of a node's consumers sits on: the first of its places that has it (a bus migrated to
 * per-agency streams, or one not yet migrated), or undefined when none has. Asked again while a cluster elects.
 */
export async function locateConsumer(jsm: JetStreamManager, place: ConsumerPlace): Promise<string | undefined> {
  for (const stream of place.streams) {
    try {
      await askWhileElecting(() => jsm.consumers.info(stream, place.name));
      return stream;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return undefined;
}

/**
 * Throws ConsumersMissingError naming every one of `places` the bus lacks; nodes never create them.
 * A cluster whose servers all just restarted answers "temporarily unavailable" until each consumer has a leader: asked again.
 */
export async function verifyConsumers(jsm: JetStreamManager, places: readonly ConsumerPlace[]): Promise<void> {
  const missing: ConsumerPlace[] = [];
  for (const place of places) if (!(await locateConsumer(jsm, place))) missing.push(place);
  if (missing.length)
    throw new ConsumersMissingError(
      missing[0].streams[0],
      missing.map((m) => m.name),
    );
}

/** Whether a JetStream error says the stream or consumer does not exist. */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; code?: number; api_error?: { err_code?: number } };
  return (
    e?.name === 'ConsumerNotFoundError' ||
    e?.name === 'StreamNotFoundError' ||
    e?.api_error?.err_code === 10014 ||
    e?.api_error?.err_code === 10059
  );
}
