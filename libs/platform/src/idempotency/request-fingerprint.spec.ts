import { describe, expect, it } from '@jest/globals';
import { canonicalJson, requestFingerprint } from './request-fingerprint.js';

const base = { method: 'POST', path: '/cases/1/referrals', account: 'local|a', body: { victimId: 'v', service: 'shelter' } };

describe('canonical request hash', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });

  it('drops undefined fields like JSON does, and reads Dates as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null, c: new Date('2026-01-02T00:00:00Z') })).toBe('{"b":null,"c":"2026-01-02T00:00:00.000Z"}');
  });

  it('is the same for the same body in another key order', () => {
    expect(requestFingerprint({ ...base, body: { service: 'shelter', victimId: 'v' } })).toBe(requestFingerprint(base));
  });

  it('differs when the body, path, method, query or account differs', () => {
    const one = requestFingerprint(base);
    expect(requestFingerprint({ ...base, body: { ...base.body, service: 'health' } })).not.toBe(one);
    expect(requestFingerprint({ ...base, path: '/cases/2/referrals' })).not.toBe(one);
    expect(requestFingerprint({ ...base, method: 'PUT' })).not.toBe(one);
    expect(requestFingerprint({ ...base, query: { dryRun: 'true' } })).not.toBe(one);
    expect(requestFingerprint({ ...base, account: 'local|b' })).not.toBe(one);
  });

  it('tells an array from an object with the same entries, and a number from its string', () => {
    expect(canonicalJson(['a'])).not.toBe(canonicalJson({ 0: 'a' }));
    expect(requestFingerprint({ ...base, body: { n: 1 } })).not.toBe(requestFingerprint({ ...base, body: { n: '1' } }));
  });

  it('treats an empty query like none and a missing body like null', () => {
    expect(requestFingerprint({ ...base, query: {} })).toBe(requestFingerprint(base));
    expect(requestFingerprint({ ...base, body: undefined })).toBe(requestFingerprint({ ...base, body: null }));
  });
});
