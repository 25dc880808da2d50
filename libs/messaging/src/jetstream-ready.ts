import { JetStreamApiError, jetstreamManager, type JetStreamManager, type JetStreamManagerOptions } from '@nats-io/jetstream';
import { RequestError, TimeoutError, type NatsConnection } from '@nats-io/nats-core';

/** The server's "JetStream system temporarily unavailable": a cluster without a meta leader (or without quorum). */
const CLUSTER_NOT_AVAILABLE = 10008;

export interface JetStreamReadyOptions {
  /** How long to keep asking (default 60 s): a cluster that elects no meta leader by then has a problem to fix. */
  timeoutMs?: number;
  /** How long one request waits for its answer (default 2 s). */
  requestTimeoutMs?: number;
  /** Options for the manager returned (its requests' timeout). */
  manager?: JetStreamManagerOptions;
  /** Called once, when the first request goes unanswered (a command says it is waiting). */
  onWaiting?: (reason: string) => void;
}

/** JetStream did not answer for the account within the deadline. */
export class JetStreamNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JetStreamNotReadyError';
  }
}

/**
 * Waits until JetStream answers for this connection's account, then returns a
 * manager. A just-started (or just-restarted) cluster answers no JetStream
 * request until its servers have elected a meta leader: a server without one
 * stays silent for its first 10 s (nats-server 2.9 as today's), then answers
 * "temporarily unavailable". A single request therefore times out when it
 * comes a moment too early; this asks again, each time briefly, until an
 * answer or the deadline. Any other refusal (JetStream off, not enabled for
 * the account) fails at once.
 */
export async function jetstreamReady(nc: NatsConnection, options: JetStreamReadyOptions = {}): Promise<JetStreamManager> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const requestTimeout = options.requestTimeoutMs ?? 2000;
  let last: string;
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await nc.request('$JS.API.INFO', '', { timeout: Math.max(1, Math.min(requestTimeout, deadline - Date.now())) });
      const body = JSON.parse(answer.string()) as { error?: { code?: number; err_code?: number; description?: string } };
      if (!body.error) return await jetstreamManager(nc, { ...options.manager, checkAPI: false });
      if (body.error.err_code !== CLUSTER_NOT_AVAILABLE) {
        throw new JetStreamNotReadyError(`JetStream refused the account's first request: ${body.error.description ?? 'no description'}`);
      }
      last = `the servers answered "${body.error.description ?? 'temporarily unavailable'}" (no meta leader)`;
    } catch (err) {
      if (err instanceof JetStreamNotReadyError) throw err;
      if (err instanceof RequestError && err.isNoResponders()) {
        throw new JetStreamNotReadyError('nothing answers JetStream requests: JetStream is not enabled on the bus (nats-server -js)');
      }
      last = 'no server answered (a cluster that has not elected its meta leader yet stays silent)';
    }
    if (attempt === 1) options.onWaiting?.(last);
    if (Date.now() >= deadline) {
      throw new JetStreamNotReadyError(
        `JetStream did not answer within ${options.timeoutMs ?? 60_000} ms: ${last}; a cluster needs a majority of its servers up and routed to each other`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Whether a JetStream request met a cluster still electing a leader (its meta
 * group's, or a stream's or consumer's): "temporarily unavailable", or no
 * answer at all, which a leaderless group gives in its first 10 s.
 */
export function isElecting(err: unknown): boolean {
  return (err instanceof JetStreamApiError && err.code === CLUSTER_NOT_AVAILABLE) || err instanceof TimeoutError;
}

/**
 * Runs a JetStream request again while the cluster is electing (after all its
 * servers restarted, streams and consumers elect their leaders after the meta
 * group), up to the deadline; any other outcome is returned or thrown at once.
 */
export async function askWhileElecting<T>(ask: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await ask();
    } catch (err) {
      if (!isElecting(err) || Date.now() >= deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
