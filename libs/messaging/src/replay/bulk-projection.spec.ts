import { describe, expect, it } from '@jest/globals';
import { applicationRounds } from './bulk-projection.js';

describe('rounds of a bulk application', () => {
  it('puts events that share no key in one round, in stream order', () => {
    expect(applicationRounds([['case:a'], ['case:b'], ['referral:x']])).toEqual([[0, 1, 2]]);
  });

  it('applies an event after every earlier one it shares a key with', () => {
    // a referral requested, accepted and completed: three rounds; the other referral rides in the first.
    expect(applicationRounds([['referral:x'], ['referral:x'], ['referral:y'], ['referral:x']])).toEqual([[0, 2], [1], [3]]);
    // a registration of two victims, then a consent change of the second: after it, whatever else is in between.
    expect(applicationRounds([['case:a', 'victim:1', 'victim:2'], ['victim:3'], ['victim:2']])).toEqual([[0, 1], [2]]);
  });

  it('gives an event without keys a round of its own, after everything before it and before everything after it', () => {
    expect(applicationRounds([['case:a'], undefined, ['case:b'], ['case:a']])).toEqual([[0], [1], [2, 3]]);
    expect(applicationRounds([undefined, undefined])).toEqual([[0], [1]]);
  });
});
