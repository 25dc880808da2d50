import { createHash, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AgencyPublicKeys } from '../keys/node-keys.js';

/** What an agency admin sees of one agency's keys. */
export interface KeyPinView {
  agency: string;
  /** Fingerprint of the keys in force. */
  fingerprint: string;
  pinnedAt: string;
  /** New keys a signed registry brought, held until accepted. */
  waiting?: { fingerprint: string; offeredAt: string; registryVersion: number };
}

interface Pin {
  keys: AgencyPublicKeys;
  pinnedAt: string;
  waiting?: { keys: AgencyPublicKeys; offeredAt: string; registryVersion: number };
  /** The keys the accepted ones replaced, until `until`: events signed before the sender rotated still verify. */
  previous?: { keys: AgencyPublicKeys; until: string };
}

/**
 * How long replaced keys still verify signatures after an admin accepts new
 * ones: long enough for events signed before the sender's rotation (waiting
 * in a backlog, or re-sent until receipted) to arrive; short enough that a
 * key rotated out because it leaked stops counting soon.
 */
export const PREVIOUS_KEYS_VERIFY_DAYS = 14;

/**
 * One fingerprint for an agency's two public keys: SHA-256 over both SPKI
 * DERs, hex in groups of four. What an admin compares with what the agency
 * says by phone before accepting.
 */
export function keysFingerprint(keys: AgencyPublicKeys): string {
  const der = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' });
  const hex = createHash('sha256')
    .update(Buffer.concat([der(keys.x25519), der(keys.ed25519)]))
    .digest('hex');
  return hex.match(/.{4}/g)!.join(':');
}

/**
 * The keys a node has seen per agency (trust on first sight in a registry the
 * PPA office signed). A later registry with other keys for a pinned agency
 * leaves the pinned ones in force and holds the new ones until an agency
 * admin accepts their fingerprint; a registry that drops an agency's keys
 * leaves its pin too. Kept in a file beside the node's key file, so the
 * database's holder cannot swap them.
 */
export class KeyPins {
  private readonly pins = new Map<string, Pin>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { pins?: Record<string, Pin> };
      for (const [agency, pin] of Object.entries(stored.pins ?? {})) this.pins.set(agency, pin);
    }
  }

  /** Pins new agencies' keys, holds changed ones; returns the agencies whose new keys now wait. */
  offer(keys: Readonly<Record<string, AgencyPublicKeys>>, registryVersion: number): Array<{ agency: string; fingerprint: string }> {
    const held: Array<{ agency: string; fingerprint: string }> = [];
    let changed = false;
    const now = new Date().toISOString();
    for (const [agency, offered] of Object.entries(keys)) {
      const pin = this.pins.get(agency);
      if (!pin) {
        this.pins.set(agency, { keys: { x25519: offered.x25519, ed25519: offered.ed25519 }, pinnedAt: now });
        changed = true;
      } else if (same(pin.keys, offered)) {
        if (pin.waiting) {
          pin.waiting = undefined; // the registry went back to the pinned keys
          changed = true;
        }
      } else if (!pin.waiting || !same(pin.waiting.keys, offered)) {
        pin.waiting = { keys: { x25519: offered.x25519, ed25519: offered.ed25519 }, offeredAt: now, registryVersion };
        held.push({ agency, fingerprint: keysFingerprint(offered) });
        changed = true;
      }
    }
    if (changed) this.save();
    return held;
  }

  inForce(agency: string): AgencyPublicKeys | undefined {
    return this.pins.get(agency)?.keys;
  }

  get any(): boolean {
    return this.pins.size > 0;
  }

  list(): KeyPinView[] {
    return [...this.pins.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([agency, pin]) => ({
        agency,
        fingerprint: keysFingerprint(pin.keys),
        pinnedAt: pin.pinnedAt,
        ...(pin.waiting
          ? {
              waiting: {
                fingerprint: keysFingerprint(pin.waiting.keys),
                offeredAt: pin.waiting.offeredAt,
                registryVersion: pin.waiting.registryVersion,
              },
            }
          : {}),
      }));
  }

  /** Puts the waiting keys in force when `fingerprint` is theirs. */
  accept(agency: string, fingerprint: string): boolean {
    const pin = this.pins.get(agency);
    if (!pin?.waiting || keysFingerprint(pin.waiting.keys) !== fingerprint.trim().toLowerCase()) return false;
    const now = new Date();
    const until = new Date(now.getTime() + PREVIOUS_KEYS_VERIFY_DAYS * 86_400_000).toISOString();
    this.pins.set(agency, { keys: pin.waiting.keys, pinnedAt: now.toISOString(), previous: { keys: pin.keys, until } });
    this.save();
    return true;
  }

  /** The keys accepted ones replaced, while they still verify (PREVIOUS_KEYS_VERIFY_DAYS). */
  previous(agency: string, now = new Date()): AgencyPublicKeys | undefined {
    const previous = this.pins.get(agency)?.previous;
    return previous && new Date(previous.until) > now ? previous.keys : undefined;
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.new`;
    writeFileSync(temp, `${JSON.stringify({ pins: Object.fromEntries(this.pins) }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
  }
}

function same(a: AgencyPublicKeys, b: AgencyPublicKeys): boolean {
  const der = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'der' }).toString('base64');
  return der(a.x25519) === der(b.x25519) && der(a.ed25519) === der(b.ed25519);
}
