import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

/** How a value encrypted at rest begins: never a base32 secret, a hash or a PEM. */
const PREFIX = 'aead1:';

/** True when `value` was made by `sealAtRest` (and so needs the master key to read). */
export function isSealedAtRest(value: string): boolean {
  return value.startsWith(PREFIX);
}

/**
 * Encrypts `plaintext` with the node's master key (AES-256-GCM, a fresh 96-bit
 * nonce), bound to `associatedData` (what it belongs to: a value copied to
 * another row does not open there). Text: `aead1:` and base64url of nonce, tag, ciphertext.
 */
export function sealAtRest(key: KeyObject, plaintext: string, associatedData: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens what `sealAtRest` made; throws when the key, the associated data or the text is not the one it was sealed with. */
export function openAtRest(key: KeyObject, sealed: string, associatedData: string): string {
  if (!isSealedAtRest(sealed)) throw new Error('not a value sealed at rest');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  if (raw.length < 28) throw new Error('a value sealed at rest is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
