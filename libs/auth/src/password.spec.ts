import { describe, expect, it } from '@jest/globals';
import { DUMMY_HASH, hashPassword, passwordProblems, verifyPassword } from './password.js';

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await hashPassword('correct horse battery staple')).not.toBe(stored); // fresh salt
  });

  it('a missing account is checked against a dummy hash and never matches', async () => {
    expect(await verifyPassword('anything at all', DUMMY_HASH)).toBe(false);
  });

  it('new passwords must be long', () => {
    expect(passwordProblems('short')).toEqual(['password must have at least 12 characters']);
    expect(passwordProblems('a long enough passphrase')).toEqual([]);
  });
});
