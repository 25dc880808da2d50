import { describe, expect, it } from '@jest/globals';
import { progressLine } from './rebuild.command.js';

describe('projections rebuild progress', () => {
  it('shows the share read as a bar, the rate and the time left from the rate so far', () => {
    expect(progressLine({ read: 1200, total: 2400, events: 31000, seconds: 60 })).toBe(
      'rebuild: [##########..........] 1,200 of 2,400 batches, 31,000 events, 517 events/s, about 60 s left',
    );
    expect(progressLine({ read: 100, total: 2400, events: 2500, seconds: 10 })).toBe(
      'rebuild: [#...................] 100 of 2,400 batches, 2,500 events, 250 events/s, about 4 min left',
    );
    expect(progressLine({ read: 0, total: 10, events: 0, seconds: 2 })).toContain('time left unknown');
  });
});
