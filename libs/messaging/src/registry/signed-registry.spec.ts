import { describe, expect, it } from '@jest/globals';
import { canonicalJson, newRegistryKey, registryContent, signRegistry, verifySignedRegistry } from './signed-registry.js';

const agencies = [
  { id: 'uptd-ppa-tanjungpinang', node: 'intake', name: 'UPTD PPA' },
  { id: 'rumah-aman-tanjungpinang', node: 'shelter', name: 'Rumah Aman' },
];

describe('the signed agency registry', () => {
  const office = newRegistryKey();
  const signed = signRegistry(registryContent(agencies, 1, new Date('2026-12-01T00:00:00Z')), office.privatePem);

  it('verifies with the office key and gives each agency its role', () => {
    expect(verifySignedRegistry(JSON.stringify(signed), office.publicPem)).toEqual({ version: 1, agencies });
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
