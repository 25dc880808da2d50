import { BROADCAST, parseSubject } from '@rujukan/contracts';
import type { EnvelopeProtection } from '../keys/envelope-protection.js';
import { BATCH_AREA, BATCH_EVENT, BATCH_VERSION } from '../keys/sealed-batch.js';
import type { InspectionLimits } from './inspect-event.js';
import { jsonNestsDeeperThan, prototypeKeyPaths } from './json-limits.js';
import type { RawEvent } from './raw-event.js';

/** The pattern a batch's dead letters are filed under. */
export const BATCH_PATTERN = `${BATCH_AREA}.${BATCH_EVENT}.v${BATCH_VERSION}`;

/** True when the subject is a broadcast batch's. */
export function isBatchSubject(prefix: string, subject: string): boolean {
  const parts = parseSubject(prefix, subject);
  return !!parts && parts.area === BATCH_AREA && parts.event === BATCH_EVENT;
}

/** One event taken out of a verified batch, as inspectEvent takes it. */
export interface BatchItem {
  subject: string;
  data: Uint8Array;
  eventId?: string;
}

export type OpenedBatchResult = { ok: true; batchId: string; events: BatchItem[] } | { ok: false; reason: string; batchId?: string };

/**
 * The events inside a batch: its signature verified once with the sender's
 * registry key, then opened. Each event's own subject must be a broadcast of
 * the batch's sender, so a batch vouches only for what its signer may send.
 */
export function openedBatch(
  prefix: string,
  raw: RawEvent,
  limits: Pick<InspectionLimits, 'maxBytes' | 'maxDepth' | 'registry'> & { protection: Pick<EnvelopeProtection, 'unprotectBatch'> },
): OpenedBatchResult {
  const parts = parseSubject(prefix, raw.subject)!;
  if (parts.version !== BATCH_VERSION) return { ok: false, reason: `unknown batch version: v${parts.version}` };
  if (parts.to !== BROADCAST) return { ok: false, reason: 'a broadcast batch is addressed to all' };
  if (raw.data.length > limits.maxBytes) return { ok: false, reason: `batch is larger than ${limits.maxBytes} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw.data));
  } catch {
    return { ok: false, reason: 'batch is not UTF-8 JSON' };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, reason: 'batch is not a JSON object' };
  const body = json as Record<string, unknown>;
  const batchId = typeof body.id === 'string' ? body.id.slice(0, 100) : undefined;
  if (jsonNestsDeeperThan(raw.data, limits.maxDepth))
    return { ok: false, reason: `batch nests deeper than ${limits.maxDepth} levels`, batchId };
  const forbidden = prototypeKeyPaths(json);
  if (forbidden.length) return { ok: false, reason: `forbidden keys: ${forbidden.join(', ')}`, batchId };
  const source = body.source as { agency?: unknown; node?: unknown } | undefined;
  if (body.batch !== 1 || !batchId || !source || typeof source !== 'object') {
    return { ok: false, reason: 'not a broadcast batch (batch, id, source)', batchId };
  }
  if (source.agency !== parts.from) return { ok: false, reason: 'batch does not match its subject: source agency', batchId };
  const role = limits.registry.roleOf(parts.from);
  if (role === undefined) return { ok: false, reason: `sender ${parts.from} is not in the agency registry`, batchId };
  if (source.node !== role) return { ok: false, reason: `sender ${parts.from} is a ${role} agency, not ${String(source.node)}`, batchId };

  // Signature before anything is opened: a forged or altered batch goes no further.
  const opened = limits.protection.unprotectBatch(body, parts.from);
  if (!opened.ok) return { ok: false, reason: opened.reason, batchId };
  if (!Array.isArray(opened.events)) return { ok: false, reason: 'batch events are not a list', batchId };

  const events: BatchItem[] = opened.events.map((item: unknown) => {
    const { subject, envelope } = (item && typeof item === 'object' ? item : {}) as { subject?: unknown; envelope?: unknown };
    const eventId = envelope && typeof envelope === 'object' ? (envelope as { id?: unknown }).id : undefined;
    const own = typeof subject === 'string' ? parseSubject(prefix, subject) : null;
    return {
      // A subject of another sender or an addressee is made unreadable: inspection then dead-letters the event.
      subject:
        own && own.from === parts.from && own.to === BROADCAST ? (subject as string) : `${prefix}.batched-event-not-the-senders-broadcast`,
      data: Buffer.from(JSON.stringify(envelope ?? null)),
      eventId: typeof eventId === 'string' ? eventId.slice(0, 100) : undefined,
    };
  });
  return { ok: true, batchId, events };
}

/** Inspection of an event inside a verified batch: the batch's signature covers it, and it has no seal of its own. */
export const VERIFIED_BY_BATCH: NonNullable<InspectionLimits['protection']> = {
  unprotect: (json) =>
    json.encrypted !== undefined
      ? { ok: false, reason: 'a batched broadcast has no sealed fields of its own' }
      : { ok: true, payload: json.payload },
};
