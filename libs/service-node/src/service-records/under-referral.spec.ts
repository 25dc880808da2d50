import { describe, expect, it } from '@jest/globals';
import { notAcceptedMessage } from './under-referral.js';

describe('recording under a referral that is not accepted', () => {
  it('asks to accept only a requested referral; a completed or revoked one says so', () => {
    expect(notAcceptedMessage('requested')).toMatch(/accept it first/);
    expect(notAcceptedMessage('completed')).toBe('referral is completed; the service is finished and takes no new record');
    expect(notAcceptedMessage('revoked')).toBe('referral is revoked by intake; it takes no new record');
    expect(notAcceptedMessage('completed')).not.toMatch(/accept/);
    expect(notAcceptedMessage('revoked')).not.toMatch(/accept/);
  });
});
