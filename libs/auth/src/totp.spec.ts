import { describe, expect, it } from '@jest/globals';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, totpCode, totpStep } from './totp.js';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.js';

describe('TOTP (RFC 6238, HMAC-SHA1, 30 s, 6 digits)', () => {
  // RFC 6238 appendix B: the SHA-1 seed "12345678901234567890"; 8-digit values, of which apps show the last 6.
  const seed = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s gives %s (the RFC test vectors)', (seconds, expected) => {
    expect(hotp(seed, totpStep(new Date(seconds * 1000)), 8)).toBe(expected);
    expect(totpCode(base32Encode(seed), new Date(seconds * 1000))).toBe(expected.slice(-6));
  });

  it('base32 round-trips, and secrets are 160 bits', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    expect(base32Encode(seed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts the current step and one either side; refuses wrong, expired and reused codes', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-12-01T10:00:15Z');
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    const step = totpStep(now);
    expect(matchTotp(secret, totpCode(secret, now), now, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, at(-30)), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, at(30)), now, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, at(-60)), now, null)).toBeUndefined(); // expired
    expect(matchTotp(secret, totpCode(secret, now), now, step)).toBeUndefined(); // reused
    expect(matchTotp(secret, totpCode(secret, at(-30)), now, step)).toBeUndefined(); // older than the last used
    const wrong = String((Number(totpCode(secret, now)) + 1) % 1e6).padStart(6, '0');
    expect([step - 1, step, step + 1].map((s) => hotp(base32Decode(secret), s))).not.toContain(wrong);
    expect(matchTotp(secret, wrong, now, null)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeUndefined();
  });

  it('recovery codes are random, and stored as hashes that ignore case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(recoveryCodeHash(codes[0].toUpperCase().replace('-', ''))).toBe(recoveryCodeHash(codes[0]));
    expect(recoveryCodeHash(codes[0])).not.toContain(codes[0].slice(0, 5));
  });
});
