import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { loadRegistry, registryProblems } from './bus-registry.js';
import { plannedConsumers } from './provision-bus.js';

describe('bus registry', () => {
  it('the committed registry is valid and gives every agency its inbox, reporting also broadcasts', () => {
    const registry = loadRegistry(resolve('bus/agencies.json'));
    const consumers = plannedConsumers(registry);
    expect(consumers.filter((c) => c.name.endsWith('-inbox'))).toHaveLength(registry.agencies.length);
    const broadcast = consumers.filter((c) => c.name.endsWith('-broadcast'));
    expect(broadcast.map((c) => c.agency)).toEqual(registry.agencies.filter((a) => a.broadcasts).map((a) => a.id));
    expect(broadcast.every((c) => c.filter === `${registry.network.prefix}.*.*.*.*.all`)).toBe(true);
  });

  it('lists every problem of a bad registry', () => {
    const problems = registryProblems({
      network: { prefix: 'Bad Prefix', stream: 'S', replicas: 2, maxAgeDays: 0, maxBytes: 1, duplicateWindowMs: 1 },
      consumers: { ackWaitMs: 0, maxAckPending: 1 },
      agencies: [
        { id: 'all', node: 'intake', name: 'x' },
        { id: 'a', node: 'intake', name: 'x' },
        { id: 'a', node: 'shelter', name: 'y' },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/network.prefix/),
        'network.replicas must be 1, 3 or 5',
        'network.maxAgeDays must be a positive number',
        'consumers.ackWaitMs must be positive',
        'agency id "all" is reserved for broadcasts',
        'agency id "a" appears twice',
      ]),
    );
  });
});
