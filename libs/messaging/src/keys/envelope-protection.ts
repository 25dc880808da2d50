import { Logger } from '@nestjs/common';
import { BROADCAST, type EventContract, type EventEnvelope } from '@rujukan/contracts';
import type { AgencyRegistry } from '../registry/agency-registry.js';
import { prototypeKeyPaths } from '../transport/json-limits.js';
import { keyFingerprint, verifyNodeSignature, type NodeKeys } from './node-keys.js';
import { openFields, routingData, SealBroken, sealFields, signedBytes } from './sealed-envelope.js';
import { batchSignedBytes, openBatch, sealBatch, type BatchedEvent, type BroadcastBatch } from './sealed-batch.js';

/** A batch that cannot be sealed (no reporting agency has a key): the message names no value. */
export class BatchNotSealable extends Error {}

/** What the receiving side made of a batch: its events, or why none of them can be applied. */
export type OpenedBatch = { ok: true; events: unknown } | { ok: false; reason: string };

/** What the receiving side made of an envelope's seal and signature. */
export type Unprotected = { ok: true; payload: unknown } | { ok: false; reason: string };

/**
 * Seals and signs what a node emits, verifies and opens what it receives
 * (docs/security.md). Once the agency registry carries public keys, every
 * envelope is signed by its sender's Ed25519 key and a contract's identifying
 * fields are sealed to the receiver's X25519 key; a registry without any keys
 * (a network not yet enrolled, development) leaves envelopes as they are.
 */
export class EnvelopeProtection {
  private readonly log = new Logger('EnvelopeProtection');

  constructor(
    private readonly registry: AgencyRegistry,
    private readonly keys: NodeKeys | null,
    agency: string,
  ) {
    if (!registry.keyed) return;
    if (!keys) {
      throw new Error(
        'the agency registry carries public keys, so this node must sign and open events: set NODE_KEY_FILE to its key file (made at first start)',
      );
    }
    const registered = registry.keysOf(agency);
    if (!registered) {
      this.log.error(`the agency registry has no keys for ${agency}: nobody can send it sealed events (print them with "keys show")`);
    } else if (
      keyFingerprint(registered.x25519) !== keyFingerprint(keys.sealingPublicKey) &&
      !keys.openingKey(keyFingerprint(registered.x25519))
    ) {
      this.log.error(`the X25519 key the registry gives ${agency} is not in NODE_KEY_FILE ${keys.path}: events sealed to it will not open`);
    }
  }

  /** The envelope as it goes into the outbox: identifying fields sealed to the receiver, then signed. */
  protect<P>(envelope: EventEnvelope<P>, contract: EventContract<P>): EventEnvelope<P> {
    // A broadcast is signed and sealed with its batch (protectBatch), not on its own.
    if (!this.registry.keyed || envelope.to === BROADCAST) return envelope;
    // Plain JSON first: what is signed must be what the receiver parses.
    const plain = JSON.parse(JSON.stringify(envelope)) as Record<string, unknown> & { payload: Record<string, unknown> };
    if (contract.sealed.length && envelope.to !== BROADCAST) {
      const fields: Record<string, unknown> = {};
      for (const name of contract.sealed) {
        if (plain.payload[name] === undefined) continue;
        fields[name] = plain.payload[name];
        delete plain.payload[name];
      }
      if (Object.keys(fields).length) {
        const receiver = this.registry.keysOf(envelope.to);
        if (!receiver) {
          throw new Error(
            `cannot send ${contract.pattern} to ${envelope.to}: the agency registry has no public key to seal it to (the PPA office signs it in)`,
          );
        }
        plain.encrypted = sealFields(fields, receiver.x25519, routingData(plain));
      }
    }
    const bytes = signedBytes(plain);
    plain.signature = this.keys!.sign(bytes);
    const next = this.keys!.signWithNext(bytes);
    if (next) plain.nextSignature = next;
    return plain as unknown as EventEnvelope<P>;
  }

  /**
   * Checks the sender's signature against its key in the registry, then
   * opens the sealed fields with this node's key: the payload to validate,
   * or why the event can never be applied. `json` is the body as parsed.
   */
  unprotect(json: Record<string, unknown>, contract: Pick<EventContract, 'sealed'>, sender: string): Unprotected {
    const senderKeys = this.registry.keysOf(sender);
    if (senderKeys) {
      if (typeof json.signature !== 'string') return { ok: false, reason: `not signed: ${sender} signs every event it sends` };
      const bytes = signedBytes(json);
      // Either signature by the key in force (the second is the new key's while the sender rotates), or the first by the
      // key this node accepted the new one in place of, for a while: what was signed before the rotation still verifies.
      const previous = this.registry.previousKeysOf(sender);
      const verified =
        verifyNodeSignature(senderKeys.ed25519, bytes, json.signature) ||
        (typeof json.nextSignature === 'string' && verifyNodeSignature(senderKeys.ed25519, bytes, json.nextSignature)) ||
        (!!previous && verifyNodeSignature(previous.ed25519, bytes, json.signature));
      if (!verified) {
        return {
          ok: false,
          reason: `signature does not verify with ${sender}'s key from the agency registry (altered, or signed by another key)`,
        };
      }
    } else if (this.registry.keyed) {
      return { ok: false, reason: `sender ${sender} has no signing key in the agency registry` };
    }
    if (json.encrypted === undefined) return { ok: true, payload: json.payload };
    if (!this.keys) return { ok: false, reason: 'sealed fields, and this node has no key file (NODE_KEY_FILE) to open them' };
    const sealed = json.encrypted;
    if (!sealed || typeof sealed !== 'object') return { ok: false, reason: 'sealed fields are not an object' };
    let fields: Record<string, unknown>;
    try {
      fields = openFields(sealed as Record<string, string>, (kid) => this.keys!.openingKey(kid), routingData(json));
    } catch (err) {
      if (err instanceof SealBroken) return { ok: false, reason: `cannot open: ${err.message}` };
      return { ok: false, reason: 'cannot open: sealed fields are not JSON' };
    }
    if (prototypeKeyPaths(fields).length) return { ok: false, reason: 'cannot open: sealed fields hold forbidden keys' };
    const payload = { ...(json.payload as Record<string, unknown>) };
    // The contract's sealed fields come from the seal. So does any other field the visible payload lacks: a sender of a
    // later version may seal a field this version still expects in clear (what is sealed is signed like the rest). The
    // seal never replaces a visible field it does not own; validation then strips what the contract does not declare.
    for (const name of Object.keys(fields)) {
      if (fields[name] === undefined) continue;
      if (contract.sealed.includes(name) || !Object.hasOwn(payload, name)) payload[name] = fields[name];
    }
    return { ok: true, payload };
  }

  /**
   * A batch of broadcasts as it goes on the bus: sealed to every reporting
   * agency's X25519 key in the registry and signed once; plain and unsigned
   * where the registry carries no keys. Throws when it is keyed and no
   * reporting agency has a key (the broadcasts stay in the outbox).
   */
  protectBatch(head: Pick<BroadcastBatch, 'id' | 'source'>, events: readonly BatchedEvent[]): BroadcastBatch {
    if (!this.registry.keyed) return { batch: 1, ...head, events: [...events] };
    const receivers = this.registry
      .list()
      .filter((a) => a.node === 'reporting')
      .map((a) => this.registry.keysOf(a.id)?.x25519)
      .filter((k): k is string => !!k);
    if (!receivers.length) {
      throw new BatchNotSealable('cannot send broadcasts: no reporting agency has a public key in the agency registry to seal them to');
    }
    const batch = sealBatch(head, events, receivers);
    batch.signature = this.keys!.sign(batchSignedBytes(batch));
    return batch;
  }

  /** Verifies a batch's signature with its sender's registry key, then opens it: its events, or the reason. */
  unprotectBatch(json: Record<string, unknown>, sender: string): OpenedBatch {
    const batch = json as unknown as BroadcastBatch;
    const senderKeys = this.registry.keysOf(sender);
    if (senderKeys) {
      if (typeof batch.signature !== 'string') return { ok: false, reason: `batch not signed: ${sender} signs every batch it sends` };
      if (!verifyNodeSignature(senderKeys.ed25519, batchSignedBytes(batch), batch.signature)) {
        return {
          ok: false,
          reason: `batch signature does not verify with ${sender}'s key from the agency registry (altered, or signed by another key)`,
        };
      }
    } else if (this.registry.keyed) {
      return { ok: false, reason: `sender ${sender} has no signing key in the agency registry` };
    }
    if (batch.recipients === undefined && batch.sealed === undefined) {
      // Plain only where nobody signs: a keyed network's batch is always sealed.
      if (senderKeys) return { ok: false, reason: 'batch is signed but not sealed: a keyed network seals every batch' };
      return { ok: true, events: batch.events };
    }
    if (!this.keys) return { ok: false, reason: 'sealed batch, and this node has no key file (NODE_KEY_FILE) to open it' };
    try {
      const events = openBatch(batch, (kid) => this.keys!.openingKey(kid));
      if (prototypeKeyPaths(events).length) return { ok: false, reason: 'cannot open: batch holds forbidden keys' };
      return { ok: true, events };
    } catch (err) {
      if (err instanceof SealBroken) return { ok: false, reason: `cannot open: ${err.message}` };
      return { ok: false, reason: 'cannot open: batch is not JSON' };
    }
  }
}
