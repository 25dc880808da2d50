import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ReferralRequested, SPEC_VERSION, type EventEnvelope, type ReferralRequestedV1 } from '@rujukan/contracts';
import { AgencyRegistry } from '../registry/agency-registry.js';
import { KeyPins, keysFingerprint, PREVIOUS_KEYS_VERIFY_DAYS } from '../registry/key-pins.js';
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

  it('opens a field a later sender sealed that this version expects in clear, but never lets the seal replace a visible field', () => {
    // A later version seals `service` too (this version's contract does not): the receiver still gets it, from the seal.
    const laterContract = { ...ReferralRequested, sealed: [...ReferralRequested.sealed, 'service'] };
    const sent = onTheBus(protection('intake-a').protect(referral(), laterContract));
    expect(Object.keys(sent.payload as object)).toEqual(['referralId']);
    const opened = protection('shelter-a').unprotect(sent, ReferralRequested, 'intake-a');
    expect(opened).toEqual({
      ok: true,
      payload: expect.objectContaining({ service: 'shelter', person: expect.objectContaining({ name: NAME }) }),
    });

    // A seal holding a field the payload shows in clear (and this contract does not seal): the visible one stands.
    const crafted = referral();
    const twice = onTheBus(
      protection('intake-a').protect(crafted, { ...ReferralRequested, sealed: [...ReferralRequested.sealed, 'service'] }),
    );
    (twice.payload as Record<string, unknown>).service = 'health';
    twice.signature = keysOf('intake-a').sign(signedBytes(twice));
    const kept = protection('shelter-a').unprotect(twice, ReferralRequested, 'intake-a');
    expect(kept).toEqual({ ok: true, payload: expect.objectContaining({ service: 'health' }) });
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

  it('a rotated signing key: both keys sign until the rotation is finished, so no receiver refuses an event on the way', () => {
    const office = newRegistryKey();
    const signed = (version: number, keys: Record<string, AgencyPublicKeys>) =>
      JSON.stringify(signRegistry(registryContent(agencies, version, new Date(), keys), office.privatePem));
    const senderFile = join(dir, 'rotating-intake.node-key.json');
    const sender = () => NodeKeys.loadOrCreate(senderFile);
    const keysBefore = { ...publicKeys(), 'intake-a': sender().publicKeys };
    const stays = AgencyRegistry.of(agencies, keysBefore, join(dir, 'stays.pins.json')); // never accepts the new key
    const accepts = AgencyRegistry.of(agencies, keysBefore, join(dir, 'accepts.pins.json'));
    const open = (registry: AgencyRegistry, envelope: Record<string, unknown>) =>
      new EnvelopeProtection(registry, keysOf('shelter-a'), 'shelter-a').unprotect(envelope, ReferralRequested, 'intake-a');
    const send = () =>
      onTheBus(
        new EnvelopeProtection(AgencyRegistry.of(agencies, keysBefore), sender(), 'intake-a').protect(referral(), ReferralRequested),
      );

    const beforeRotation = send();
    expect(beforeRotation.nextSignature).toBeUndefined();
    const rotated = NodeKeys.rotateSigningKey(senderFile);
    expect(() => NodeKeys.rotateSigningKey(senderFile)).toThrow('a signing rotation already runs');
    expect(rotated.ed25519).not.toBe(keysBefore['intake-a'].ed25519);
    const during = send();
    expect(typeof during.nextSignature).toBe('string');
    // The office signs the new key in; one receiver's admin accepts it, the other's has not yet.
    const keysAfter = { ...keysBefore, 'intake-a': rotated };
    for (const registry of [stays, accepts]) registry.offer(signed(2, keysAfter), office.publicPem, 'v2', () => {});
    expect(accepts.acceptKeys('intake-a', keysFingerprint(rotated))).toBe(true);
    for (const registry of [stays, accepts]) {
      expect(open(registry, beforeRotation)).toMatchObject({ ok: true });
      expect(open(registry, during)).toMatchObject({ ok: true });
    }

    // Finished: only the new key signs. The receiver that accepted it verifies; the other refuses until its admin accepts.
    NodeKeys.finishSigningRotation(senderFile);
    expect(() => NodeKeys.finishSigningRotation(senderFile)).toThrow('no signing rotation runs');
    const after = send();
    expect(after.nextSignature).toBeUndefined();
    expect(open(accepts, after)).toMatchObject({ ok: true });
    expect(open(stays, after)).toEqual({ ok: false, reason: expect.stringMatching(/^signature does not verify/) as unknown as string });
    // The replaced key verifies what it signed only for a while after the acceptance.
    expect(accepts.previousKeysOf('intake-a')).toEqual(keysBefore['intake-a']);
    const pins = new KeyPins(join(dir, 'accepts.pins.json'));
    expect(pins.previous('intake-a', new Date(Date.now() + (PREVIOUS_KEYS_VERIFY_DAYS - 1) * 86_400_000))).toEqual(keysBefore['intake-a']);
    expect(pins.previous('intake-a', new Date(Date.now() + (PREVIOUS_KEYS_VERIFY_DAYS + 1) * 86_400_000))).toBeUndefined();
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
