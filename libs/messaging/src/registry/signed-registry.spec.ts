import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyRegistry } from './agency-registry.js';
import {
  canonicalJson,
  newRegistryKey,
  registryContent,
  signRegistry,
  signWithLocalOffice,
  verifySignedRegistry,
} from './signed-registry.js';

const agencies = [
  { id: 'uptd-ppa-tanjungpinang', node: 'intake', name: 'UPTD PPA' },
  { id: 'rumah-aman-tanjungpinang', node: 'shelter', name: 'Rumah Aman' },
];

describe('the signed agency registry', () => {
  const office = newRegistryKey();
  const signed = signRegistry(registryContent(agencies, 1, new Date('2026-12-01T00:00:00Z')), office.privatePem);

  it('verifies with the office key and gives each agency its role', () => {
    expect(verifySignedRegistry(JSON.stringify(signed), office.publicPem)).toEqual({ version: 1, agencies, keys: {} });
  });

  it('does not depend on the order a file lists its keys in', () => {
    const reordered = { signature: signed.signature, registry: JSON.parse(canonicalJson(signed.registry)) as unknown };
    expect(verifySignedRegistry(JSON.stringify(reordered), office.publicPem).agencies).toHaveLength(2);
  });

  it('refuses a changed role, another key and an unsigned file, saying what to do', () => {
    const changed = structuredClone(signed);
    changed.registry.agencies[1].role = 'intake';
    expect(() => verifySignedRegistry(JSON.stringify(changed), office.publicPem)).toThrow('is not signed by the PPA office key');
    expect(() => verifySignedRegistry(JSON.stringify(signed), newRegistryKey().publicPem)).toThrow('is not signed by the PPA office key');
    expect(() => verifySignedRegistry(JSON.stringify({ agencies }), office.publicPem)).toThrow('npm run registry -- sign');
    expect(() => verifySignedRegistry(JSON.stringify(signed), 'not a key')).toThrow('AGENCY_REGISTRY_KEY is not a public key');
  });
});

describe('the registry a node runs with', () => {
  it('is refused when no signed registry is set, saying what to set; the bus team file only where development says so', () => {
    expect(() => AgencyRegistry.load({ agencyDirectory: 'bus/agencies.json' })).toThrow(
      /AGENCY_REGISTRY and AGENCY_REGISTRY_KEY are not set: a node takes senders' roles only from the agency registry the province PPA office signed/,
    );
    const unsigned = AgencyRegistry.load({ agencyDirectory: 'bus/agencies.json', unsignedRegistry: true });
    expect(unsigned.roleOf('uptd-ppa-tanjungpinang')).toBe('intake');
    expect(unsigned.signedVersion).toBe(0);
  });

  it('takes from a later offer only a newer version the office signed', () => {
    const other = newRegistryKey();
    const dir = mkdtempSync(join(tmpdir(), 'registry-spec-'));
    const first = signWithLocalOffice(agencies, dir, 1);
    const inUse = AgencyRegistry.load({ agencyDirectory: 'unused', agencyRegistry: first });
    const officePem = readFileSync(first.keyPath, 'utf8');
    const said: string[] = [];
    const offer = (version: number, key: string, list = agencies) =>
      inUse.offer(JSON.stringify(signRegistry(registryContent(list, version), key)), officePem, 'the offer', (m) => said.push(m));
    const localKey = readFileSync(join(dir, 'ppa-office.key.pem'), 'utf8');
    expect(offer(2, other.privatePem, agencies.slice(1))).toBe(false);
    expect(inUse.roleOf('uptd-ppa-tanjungpinang')).toBe('intake');
    expect(offer(2, localKey, agencies.slice(1))).toBe(true);
    expect(inUse.roleOf('uptd-ppa-tanjungpinang')).toBeUndefined();
    expect(offer(1, localKey)).toBe(false);
    expect(inUse.signedVersion).toBe(2);
    expect(said).toEqual([
      expect.stringContaining('is not signed by the PPA office key'),
      'agency registry version 2 taken from the offer (1 agencies)',
      'the offer is version 1, older than 2 in use: kept 2',
    ]);
  });
});
