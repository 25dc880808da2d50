import { describe, expect, it } from '@jest/globals';
import { JetStreamApiError } from '@nats-io/jetstream';
import { TimeoutError } from '@nats-io/nats-core';
import { askWhileElecting, isElecting } from './jetstream-ready.js';

// The errors nats.js raises for a server's answers, as a cluster gives them while it elects a leader.
const unavailable = () => new JetStreamApiError({ code: 503, err_code: 10008, description: 'JetStream system temporarily unavailable' });
const notFound = () => new JetStreamApiError({ code: 404, err_code: 10014, description: 'consumer not found' });

describe('asking a cluster that is electing a leader', () => {
  it('counts "temporarily unavailable" and no answer as electing, and nothing else', () => {
    expect(isElecting(unavailable())).toBe(true);
    expect(isElecting(new TimeoutError())).toBe(true);
    expect(isElecting(notFound())).toBe(false);
    expect(isElecting(new Error('other'))).toBe(false);
  });

  it('asks again while the cluster elects, and returns the answer that follows', async () => {
    const outcomes: Array<() => string> = [
      () => {
        throw unavailable();
      },
      () => {
        throw new TimeoutError();
      },
      () => 'answered',
    ];
    let asked = 0;
    await expect(askWhileElecting(() => Promise.resolve().then(outcomes[asked++]))).resolves.toBe('answered');
    expect(asked).toBe(3);
  });

  it('throws any other answer at once (a missing consumer is not waited for)', async () => {
    let asked = 0;
    await expect(
      askWhileElecting(() => {
        asked++;
        return Promise.reject(notFound());
      }),
    ).rejects.toThrow('consumer not found');
    expect(asked).toBe(1);
  });

  it('gives up at its deadline with the last answer', async () => {
    await expect(askWhileElecting(() => Promise.reject(unavailable()), 600)).rejects.toThrow('JetStream system temporarily unavailable');
  });
});
