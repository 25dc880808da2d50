import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { canonicalJson } from '../registry/signed-registry.js';
import { keyFingerprint } from './node-keys.js';

/** The one sealing scheme (docs/security.md): an ephemeral X25519 agreement, HKDF-SHA256, ChaCha20-Poly1305. */
export const SEAL_ALG = 'X25519-HKDF-SHA256-ChaCha20-Poly1305';
const INFO = Buffer.from('rujukan sealed fields v1');

/** The envelope's `encrypted` slot. */
export interface SealedFields extends Record<string, string> {
  alg: string;
  /** Fingerprint of the receiver's X25519 public key it is sealed to (a rotated key is found by it). */
  kid: string;
  /** The sender's ephemeral X25519 public key, SPKI DER base64. */
  epk: string;
  nonce: string;
  /** Ciphertext and 16-byte tag, base64. */
  data: string;
}

/** A field set that cannot be opened: the reason names no value. */
export class SealBroken extends Error {}

/**
 * The routing fields bound to the sealed fields as associated data: moving a
 * sealed blob to another envelope (another case, addressee or event) fails to open.
 */
export function routingData(envelope: Record<string, unknown>): Buffer {
  const { id, specversion, type, version, occurredAt, source, to, caseId, victimId, correlationId, causationId } = envelope;
  return Buffer.from(
    canonicalJson({ id, specversion, type, version, occurredAt, source, to, caseId, victimId, correlationId, causationId }),
  );
}

/** Seals `fields` (JSON) to the receiver's X25519 public key, a fresh ephemeral key each time. */
export function sealFields(fields: Record<string, unknown>, receiverKey: KeyObject | string, associated: Buffer): SealedFields {
  const receiver = typeof receiverKey === 'string' ? createPublicKey(receiverKey) : receiverKey;
  const ephemeral = generateKeyPairSync('x25519');
  const epk = ephemeral.publicKey.export({ type: 'spki', format: 'der' });
  const key = deriveKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: receiver }), epk, receiver);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(associated, { plaintextLength: 0 });
  const data = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    alg: SEAL_ALG,
    kid: keyFingerprint(receiver),
    epk: epk.toString('base64'),
    nonce: nonce.toString('base64'),
    data: data.toString('base64'),
  };
}

/** Opens sealed fields with the receiver's private key for `kid`; SealBroken when it does not open. */
export function openFields(
  sealed: Record<string, string>,
  privateKeyFor: (kid: string) => KeyObject | undefined,
  associated: Buffer,
): Record<string, unknown> {
  if (sealed.alg !== SEAL_ALG) throw new SealBroken(`sealed with an unknown scheme (${String(sealed.alg).slice(0, 60)})`);
  const privateKey = typeof sealed.kid === 'string' ? privateKeyFor(sealed.kid) : undefined;
  if (!privateKey) throw new SealBroken(`sealed to a key this node does not hold (${String(sealed.kid).slice(0, 80)})`);
  let plain: Buffer;
  try {
    const epkDer = Buffer.from(sealed.epk, 'base64');
    const epk = createPublicKey({ key: epkDer, format: 'der', type: 'spki' });
    const key = deriveKey(diffieHellman({ privateKey, publicKey: epk }), epkDer, createPublicKey(privateKey));
    const data = Buffer.from(sealed.data, 'base64');
    if (data.length < 16) throw new Error('short');
    const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.from(sealed.nonce, 'base64'), { authTagLength: 16 });
    decipher.setAAD(associated, { plaintextLength: data.length - 16 });
    decipher.setAuthTag(data.subarray(data.length - 16));
    plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  } catch {
    throw new SealBroken('sealed fields do not open: altered, or moved from another envelope');
  }
  const fields: unknown = JSON.parse(plain.toString('utf8'));
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) throw new SealBroken('sealed fields are not a JSON object');
  return fields as Record<string, unknown>;
}

function deriveKey(shared: Buffer, epkDer: Buffer, receiver: KeyObject): Buffer {
  // Both public keys in the salt: the key is bound to this agreement, not only to its shared secret.
  const salt = Buffer.concat([epkDer, receiver.export({ type: 'spki', format: 'der' })]);
  return Buffer.from(hkdfSync('sha256', shared, salt, INFO, 32));
}

/** The bytes a node signs of an envelope: canonical JSON of everything but the signature. */
export function signedBytes(envelope: Record<string, unknown>): Buffer {
  // Both signatures (the second while the sender rotates its signing key) sign the same bytes.
  const { signature: _signature, nextSignature: _next, ...rest } = envelope;
  return Buffer.from(canonicalJson(rest));
}
