import { describe, expect, it } from '@jest/globals';
import { broadcastFilter, buildSubject, inboxFilter, parseSubject, publishFilter } from './subjects.js';

describe('subjects', () => {
  const parts = { area: 'referral', event: 'requested', version: 1, from: 'uptd-ppa-tanjungpinang', to: 'rumah-aman-tanjungpinang' };

  it('reads as a sentence under the prefix and parses back', () => {
    const subject = buildSubject('kepri.rujukan', parts);
    expect(subject).toBe('kepri.rujukan.referral.requested.v1.uptd-ppa-tanjungpinang.rumah-aman-tanjungpinang');
    expect(parseSubject('kepri.rujukan', subject)).toEqual(parts);
  });

  it('refuses tokens that would break the fixed positions', () => {
    expect(() => buildSubject('p', { ...parts, from: 'uptd.ppa' })).toThrow(/from token/);
    expect(() => buildSubject('p', { ...parts, to: '*' })).toThrow(/to token/);
    expect(() => buildSubject('p', { ...parts, version: 0 })).toThrow(/version/);
  });

  it('returns null for subjects off the layout', () => {
    expect(parseSubject('p', 'p.referral.requested.1.a.b')).toBeNull();
    expect(parseSubject('p', 'p.referral.requested.v1.a')).toBeNull();
    expect(parseSubject('p', 'q.referral.requested.v1.a.b')).toBeNull();
    expect(parseSubject('p', 'p.Referral.requested.v1.a.b')).toBeNull();
  });

  it('gives each consumer and each publisher one wildcard filter', () => {
    expect(inboxFilter('p', 'shelter-a')).toBe('p.*.*.*.*.shelter-a');
    expect(broadcastFilter('p')).toBe('p.*.*.*.*.all');
    expect(publishFilter('p', 'intake-a')).toBe('p.*.*.*.intake-a.*');
  });
});
