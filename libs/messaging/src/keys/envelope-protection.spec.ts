import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ReferralRequested, SPEC_VERSION, type EventEnvelope, type ReferralRequestedV1 } from '@rujukan/contracts';
import { AgencyRegistry } from '../registry/agency-registry.js';
import { keysFingerprint } from '../registry/key-pins.js';
import { signRegistry, registryContent, newRegistryKey } from '../registry/signed-registry.js';
import { EnvelopeProtection } from './envelope-protection.js';
import { NodeKeys, type AgencyPublicKeys } from './node-keys.js';
import { signedBytes } from './sealed-envelope.js';

const dir = mkdtempSync(join(tmpdir(), 'rujukan-protection-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const agencies = [
  { id: 'intake-a', node: 'intake', name: 'Intake' },
  { id: 'shelter-a', node: 'shelter', name: 'Shelter' },
  { id: 'health-a', node: 'health', name: 'Health' },
];
const keyFile = (agency: string) => join(dir, `${agency}.node-key.json`);
const keysOf = (agency: string) => NodeKeys.loadOrCreate(keyFile(agency));
const publicKeys = (): Record<string, AgencyPublicKeys> => Object.fromEntries(agencies.map((a) => [a.id, keysOf(a.id).publicKeys]));

const NAME = 'Siti Rahmawati';
const NIK = '3172015506900002';
const SAFETY = 'perpetrator waits outside the school';

function referral(): EventEnvelope<ReferralRequestedV1> {
  return {
    specversion: SPEC_VERSION,
    id: randomUUID(),
    type: ReferralRequested.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: { agency: 'intake-a', node: 'intake' },
    to: 'shelter-a',
    caseId: randomUUID(),
    correlationId: randomUUID(),
    payload: {
      referralId: randomUUID(),
      service: 'shelter',
      person: { name: NAME, idNumber: NIK, safetyNotes: SAFETY, ageYears: 19 },
    },
  };
}

function protection(agency: string, registry = AgencyRegistry.of(agencies, publicKeys())): EnvelopeProtection {
  return new EnvelopeProtection(registry, keysOf(agency), agency);
}

/** What goes on the bus, as bytes and parsed back as a receiver does. */
function onTheBus(envelope: EventEnvelope): Record<string, unknown> {
  return JSON.parse(JSON.stringify(envelope)) as Record<string, unknown>;
}

describe('sealed and signed envelopes', () => {
  it('seals the person to the receiver: the bus sees none of her name, NIK or safety notes, the receiver opens them', () => {
    const sent = protection('intake-a').protect(referral(), ReferralRequested);
    const text = JSON.stringify(sent);
    for (const secret of [NAME, NIK, SAFETY]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(Buffer.from(secret).toString('base64'));
      expect(text).not.toContain(Buffer.from(secret).toString('hex'));
    }
    expect(Object.keys(sent.payload)).toEqual(['referralId', 'service']);
    const opened = protection('shelter-a').unprotect(onTheBus(sent), ReferralRequested, 'intake-a');
    expect(opened).toEqual({
      ok: true,
      payload: expect.objectContaining({ person: { name: NAME, idNumber: NIK, safetyNotes: SAFETY, ageYears: 19 } }),
    });
  });

  it('another agency (with its own key) cannot open what was sealed to the shelter', () => {
    const sent = onTheBus(protection('intake-a').protect(referral(), ReferralRequested));
    const opened = protection('health-a').unprotect(sent, ReferralRequested, 'intake-a');
    expect(opened).toEqual({
      ok: false,
      reason: expect.stringMatching(/^cannot open: sealed to a key this node does not hold/) as unknown as string,
    });
  });

  it('refuses altered ciphertext, a seal moved to another case, an unsigned envelope and one signed by another agency', () => {
    const shelter = protection('shelter-a');
    const sent = onTheBus(protection('intake-a').protect(referral(), ReferralRequested));
    const sealed = sent.encrypted as Record<string, string>;
    const data = Buffer.from(sealed.data, 'base64');
    data[3] ^= 1;
    const altered = { ...sent, encrypted: { ...sealed, data: data.toString('base64') } };
    // Re-signed by the sender itself: only the seal can catch a flipped bit then.
    const resigned = { ...altered, signature: keysOf('intake-a').sign(signedBytesOf(altered)) };
    expect(shelter.unprotect(resigned, ReferralRequested, 'intake-a')).toEqual({
      ok: false,
      reason: expect.stringMatching(/do not open/) as unknown as string,
    });
    const moved = { ...sent, caseId: randomUUID() };
    const movedSigned = { ...moved, signature: keysOf('intake-a').sign(signedBytesOf(moved)) };
    expect(shelter.unprotect(movedSigned, ReferralRequested, 'intake-a')).toEqual({
      ok: false,
      reason: expect.stringMatching(/do not open/) as unknown as string,
    });
    expect(shelter.unprotect(altered, ReferralRequested, 'intake-a')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^signature does not verify/) as unknown as string,
    });
    const { signature: _s, ...unsigned } = sent;
    expect(shelter.unprotect(unsigned, ReferralRequested, 'intake-a')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^not signed/) as unknown as string,
    });
    const byHealth = { ...sent, signature: keysOf('health-a').sign(signedBytesOf(sent)) };
    expect(shelter.unprotect(byHealth, ReferralRequested, 'intake-a')).toEqual({
      ok: false,
      reason: expect.stringMatching(/^signature does not verify/) as unknown as string,
    });
  });

  it('a rotated key seals new events while events sealed to the old one still open', () => {
    const before = onTheBus(protection('intake-a').protect(referral(), ReferralRequested));
    const rotatedPath = keyFile('shelter-a');
    const old = readFileSync(rotatedPath, 'utf8');
    NodeKeys.rotateSealingKey(rotatedPath);
    expect(readFileSync(rotatedPath, 'utf8')).not.toBe(old);
    const registry = AgencyRegistry.of(agencies, publicKeys());
    const after = onTheBus(protection('intake-a', registry).protect(referral(), ReferralRequested));
    expect((after.encrypted as Record<string, string>).kid).not.toBe((before.encrypted as Record<string, string>).kid);
    const shelter = protection('shelter-a', registry);
    expect(shelter.unprotect(before, ReferralRequested, 'intake-a')).toMatchObject({ ok: true });
    expect(shelter.unprotect(after, ReferralRequested, 'intake-a')).toMatchObject({ ok: true });
  });

  it('holds a changed key of a pinned agency until an admin accepts its fingerprint; a registry not signed by the office is refused', () => {
    const office = newRegistryKey();
    const officePem = office.publicPem;
    const pins = join(dir, 'pins.json');
    const first = publicKeys();
    const registry = AgencyRegistry.of(agencies, {}, pins);
    registry.offer(
      JSON.stringify(signRegistry(registryContent(agencies, 1, new Date(), first), office.privatePem)),
      officePem,
      'v1',
      () => {},
    );
    expect(registry.keysOf('shelter-a')).toEqual(first['shelter-a']);
    const swapped = { ...first, 'shelter-a': keysOf('health-a').publicKeys };
    const said: string[] = [];
    // A registry the office did not sign changes nothing.
    const forged = newRegistryKey();
    expect(
      registry.offer(
        JSON.stringify(signRegistry(registryContent(agencies, 2, new Date(), swapped), forged.privatePem)),
        officePem,
        'forged',
        (m) => said.push(m),
      ),
    ).toBe(false);
    expect(registry.keysOf('shelter-a')).toEqual(first['shelter-a']);
    // One the office signed is taken, but the changed key waits.
    registry.offer(
      JSON.stringify(signRegistry(registryContent(agencies, 3, new Date(), swapped), office.privatePem)),
      officePem,
      'v3',
      (m) => said.push(m),
    );
    expect(said.join('\n')).toMatch(/shelter-a comes with new public keys/);
    expect(registry.keysOf('shelter-a')).toEqual(first['shelter-a']);
    const waiting = registry.keyPins().find((p) => p.agency === 'shelter-a')!.waiting!;
    expect(waiting.fingerprint).toBe(keysFingerprint(swapped['shelter-a']));
    expect(registry.acceptKeys('shelter-a', keysFingerprint(first['shelter-a']))).toBe(false);
    expect(registry.acceptKeys('shelter-a', waiting.fingerprint)).toBe(true);
    expect(registry.keysOf('shelter-a')).toEqual(swapped['shelter-a']);
    // The pins outlive a restart: a node reading the old registry again keeps the accepted key.
    const restarted = AgencyRegistry.of(agencies, first, pins);
    expect(restarted.keysOf('shelter-a')).toEqual(swapped['shelter-a']);
    expect(restarted.keyPins().find((p) => p.agency === 'shelter-a')!.waiting?.fingerprint).toBe(keysFingerprint(first['shelter-a']));
  });
});

function signedBytesOf(envelope: Record<string, unknown>): Buffer {
  return signedBytes(envelope);
}
