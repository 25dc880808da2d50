import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { AgencyRegistry } from '../registry/agency-registry.js';
import { EnvelopeProtection } from './envelope-protection.js';
import { NodeKeys, type AgencyPublicKeys } from './node-keys.js';
import { dayOf, shuffled, type BatchedEvent } from './sealed-batch.js';

const dir = mkdtempSync(join(tmpdir(), 'rujukan-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const agencies = [
  { id: 'intake-a', node: 'intake', name: 'Intake' },
  { id: 'intake-b', node: 'intake', name: 'Intake B' },
  { id: 'health-a', node: 'health', name: 'Health' },
  { id: 'reporting-a', node: 'reporting', name: 'Reporting', broadcasts: true },
  { id: 'reporting-b', node: 'reporting', name: 'National', broadcasts: true },
];
const keysOf = (agency: string) => NodeKeys.loadOrCreate(join(dir, `${agency}.node-key.json`));
const publicKeys = (): Record<string, AgencyPublicKeys> => Object.fromEntries(agencies.map((a) => [a.id, keysOf(a.id).publicKeys]));
const registry = () => AgencyRegistry.of(agencies, publicKeys());
const protection = (agency: string, reg = registry()) => new EnvelopeProtection(reg, keysOf(agency), agency);

const events: BatchedEvent[] = [1, 2, 3].map((n) => ({
  subject: `rujukan.case.registered.v1.intake-a.all`,
  envelope: { id: randomUUID(), type: 'case.registered', payload: { district: `Kota ${n}` } },
}));
const head = () => ({ id: randomUUID(), source: { agency: 'intake-a', node: 'intake' } });
const onTheBus = (x: unknown) => JSON.parse(JSON.stringify(x)) as Record<string, unknown>;

describe('broadcast batches', () => {
  it('are sealed to every reporting agency and signed once: each reporting agency opens them, the bus sees no event', () => {
    const batch = onTheBus(protection('intake-a').protectBatch(head(), events));
    expect(JSON.stringify(batch)).not.toContain('Kota');
    expect(batch.events).toBeUndefined();
    expect(batch.recipients).toHaveLength(2);
    for (const reader of ['reporting-a', 'reporting-b']) {
      expect(protection(reader).unprotectBatch(batch, 'intake-a')).toEqual({ ok: true, events });
    }
  });

  it('does not open for an agency that is not a reporting agency', () => {
    const batch = onTheBus(protection('intake-a').protectBatch(head(), events));
    const opened = protection('health-a').unprotectBatch(batch, 'intake-a');
    expect(opened).toEqual({ ok: false, reason: 'cannot open: batch is not sealed to a key this node holds' });
  });

  it('refuses an altered batch, and one signed by another agency’s key', () => {
    const reader = protection('reporting-a');
    const batch = onTheBus(protection('intake-a').protectBatch(head(), events));

    const altered = structuredClone(batch) as { sealed: { data: string } };
    const bytes = Buffer.from(altered.sealed.data, 'base64');
    bytes[5] ^= 1;
    altered.sealed.data = bytes.toString('base64');
    expect(reader.unprotectBatch(altered, 'intake-a')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signature does not verify'),
    });

    const byOther = onTheBus(protection('intake-b').protectBatch(head(), events));
    expect(reader.unprotectBatch(byOther, 'intake-a')).toMatchObject({ ok: false, reason: expect.stringContaining("intake-a's key") });
  });

  it('goes plain and unsigned where the registry carries no keys, and is opened as such', () => {
    const plain = new EnvelopeProtection(AgencyRegistry.of(agencies), null, 'intake-a');
    const batch = onTheBus(plain.protectBatch(head(), events));
    expect(batch.signature).toBeUndefined();
    expect(new EnvelopeProtection(AgencyRegistry.of(agencies), null, 'reporting-a').unprotectBatch(batch, 'intake-a')).toEqual({
      ok: true,
      events,
    });
    // A keyed network takes no plain batch.
    expect(protection('reporting-a').unprotectBatch(batch, 'intake-a')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not signed'),
    });
  });

  it('refuses to send when no reporting agency has a key', () => {
    const keys = publicKeys();
    delete keys['reporting-a'];
    delete keys['reporting-b'];
    expect(() => protection('intake-a', AgencyRegistry.of(agencies, keys)).protectBatch(head(), events)).toThrow(
      /no reporting agency has a public key/,
    );
  });

  it('cuts a time to its day and shuffles without losing or adding anything', () => {
    expect(dayOf('2026-03-04T21:59:12.345Z')).toBe('2026-03-04T00:00:00.000Z');
    const items = Array.from({ length: 200 }, (_, i) => i);
    const out = shuffled(items);
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(out).not.toEqual(items); // 1 in 200! to fail by chance
  });
});
