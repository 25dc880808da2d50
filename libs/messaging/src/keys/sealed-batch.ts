import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../registry/signed-registry.js';
import { openFields, SealBroken, sealFields, signedBytes, type SealedFields } from './sealed-envelope.js';

/** The subject tokens of a broadcast batch: `<prefix>.bus.broadcast-batch.v1.<from>.all`. */
export const BATCH_AREA = 'bus';
export const BATCH_EVENT = 'broadcast-batch';
export const BATCH_VERSION = 1;

/** One de-identified broadcast inside a batch: its own subject and envelope, as a single broadcast would travel. */
export interface BatchedEvent {
  subject: string;
  envelope: Record<string, unknown>;
}

/**
 * A batch of broadcasts as it travels (docs/messaging.md "Broadcast batches"):
 * shuffled events, sealed once to every reporting agency's X25519 key (a
 * random content key, wrapped per agency with the envelope sealing scheme),
 * signed once with the sender's Ed25519 key. A network whose registry carries
 * no keys sends `events` in plain and unsigned.
 */
export interface BroadcastBatch {
  batch: 1;
  /** Fresh random id: links to nothing. */
  id: string;
  source: { agency: string; node: string };
  /** The content key, sealed to each reporting agency (found by its key's fingerprint, `kid`). */
  recipients?: SealedFields[];
  /** ChaCha20-Poly1305 of the events' JSON under the content key, nonce and tag included, base64. */
  sealed?: { nonce: string; data: string };
  /** Unkeyed networks only. */
  events?: BatchedEvent[];
  signature?: string;
}

/** The batch fields bound to its ciphertext and to each wrapped key: moving them to another batch fails to open. */
function batchRouting(batch: Pick<BroadcastBatch, 'batch' | 'id' | 'source'>): Buffer {
  return Buffer.from(canonicalJson({ batch: batch.batch, id: batch.id, source: batch.source }));
}

/** Seals `events` to every key in `receivers` (SPKI PEM or key objects). */
export function sealBatch(
  head: Pick<BroadcastBatch, 'id' | 'source'>,
  events: readonly BatchedEvent[],
  receivers: ReadonlyArray<KeyObject | string>,
): BroadcastBatch {
  const batch: BroadcastBatch = { batch: 1, id: head.id, source: head.source };
  const aad = batchRouting(batch);
  const contentKey = randomBytes(32);
  const nonce = randomBytes(12);
  const cipher = createCipheriv('chacha20-poly1305', contentKey, nonce, { authTagLength: 16 });
  cipher.setAAD(aad, { plaintextLength: 0 });
  const data = Buffer.concat([cipher.update(JSON.stringify(events), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  batch.sealed = { nonce: nonce.toString('base64'), data: data.toString('base64') };
  batch.recipients = receivers.map((key) => sealFields({ key: contentKey.toString('base64') }, key, aad));
  return batch;
}

/** Opens a sealed batch with whichever recipient key this node holds; SealBroken when it does not open. */
export function openBatch(batch: BroadcastBatch, privateKeyFor: (kid: string) => KeyObject | undefined): unknown {
  if (!Array.isArray(batch.recipients) || !batch.sealed || typeof batch.sealed !== 'object') {
    throw new SealBroken('batch is neither sealed nor plain');
  }
  const aad = batchRouting(batch);
  const mine = batch.recipients.find((r) => r && typeof r === 'object' && typeof r.kid === 'string' && privateKeyFor(r.kid));
  if (!mine) throw new SealBroken('batch is not sealed to a key this node holds');
  const { key } = openFields(mine, privateKeyFor, aad);
  if (typeof key !== 'string') throw new SealBroken('batch content key is not a string');
  const contentKey = Buffer.from(key, 'base64');
  try {
    const data = Buffer.from(String(batch.sealed.data), 'base64');
    if (data.length < 16 || contentKey.length !== 32) throw new Error('short');
    const decipher = createDecipheriv('chacha20-poly1305', contentKey, Buffer.from(String(batch.sealed.nonce), 'base64'), {
      authTagLength: 16,
    });
    decipher.setAAD(aad, { plaintextLength: data.length - 16 });
    decipher.setAuthTag(data.subarray(data.length - 16));
    const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new SealBroken('batch does not open: altered, or its key moved from another batch');
  }
}

/** The bytes a node signs of a batch: canonical JSON of everything but the signature. */
export const batchSignedBytes = (batch: BroadcastBatch): Buffer => signedBytes(batch as unknown as Record<string, unknown>);

/** Fisher-Yates with a cryptographic source: the order inside a batch says nothing about the order written. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBytes(4).readUInt32BE(0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Midnight UTC of the day of `iso`: a broadcast's `occurredAt` says the day, never the time. */
export function dayOf(iso: string | Date): string {
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)}T00:00:00.000Z`;
}
