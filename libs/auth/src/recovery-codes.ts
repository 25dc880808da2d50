import { createHash, randomInt } from 'node:crypto';

/** How many recovery codes an account gets when it turns on its second factor. */
export const RECOVERY_CODE_COUNT = 10;

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: read aloud and typed from paper

/** Ten codes of ten characters (about 49 bits each), shown once as `xxxxx-xxxxx`. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * What is stored of a recovery code: SHA-256 of its normalised form. The codes
 * are random, not chosen by people, so a fast hash is enough (a slow one would
 * cost ten scrypt runs per sign-in with a code).
 */
export function recoveryCodeHash(code: string): string {
  const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(`rujukan-recovery:${normalised}`).digest('hex');
}
