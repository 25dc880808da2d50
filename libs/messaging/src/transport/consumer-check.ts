import type { JetStreamManager } from '@nats-io/jetstream';
import { askWhileElecting } from '../jetstream-ready.js';

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
 * Throws ConsumersMissingError naming every one of `names` the stream lacks; nodes never create them.
 * A cluster whose servers all just restarted answers "temporarily unavailable" until each consumer has a leader: asked again.
 */
export async function verifyConsumers(jsm: JetStreamManager, stream: string, names: readonly string[]): Promise<void> {
  const missing: string[] = [];
  for (const name of names) {
    try {
      await askWhileElecting(() => jsm.consumers.info(stream, name));
    } catch (err) {
      if (isNotFound(err)) missing.push(name);
      else throw err;
    }
  }
  if (missing.length) throw new ConsumersMissingError(stream, missing);
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
