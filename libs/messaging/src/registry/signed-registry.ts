import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_PATTERN } from '@rujukan/contracts';
import type { AgencyPublicKeys } from '../keys/node-keys.js';
import type { AgencyEntry } from '../provisioning/bus-registry.js';

/** What the PPA office signs: the agencies of the network, their roles and their nodes' public keys. */
export interface RegistryContent {
  /** Bumped on every signing: a node keeps the newest it has seen. */
  version: number;
  issuedAt: string;
  agencies: Array<{ id: string; role: string; name: string; keys?: AgencyPublicKeys }>;
}

/** The file a node loads (AGENCY_REGISTRY): the content and its Ed25519 signature by the PPA office's key. */
export interface SignedRegistryFile {
  registry: RegistryContent;
  /** Base64 Ed25519 signature over `canonicalJson(registry)`. */
  signature: string;
}

/** A registry whose signature verified: its version, its agencies (role as `node`) and their public keys. */
export interface VerifiedRegistry {
  version: number;
  agencies: AgencyEntry[];
  /** By agency id; an agency signed in without keys has none here. */
  keys: Record<string, AgencyPublicKeys>;
}

/** A registry a node must not use: the message says what to do. */
export class RegistryRefused extends Error {}

const HOW =
  'ask the province PPA office for the registry it signed (npm run registry -- sign) and set AGENCY_REGISTRY_KEY to its public key';

/** JSON with object keys sorted at every level: the bytes that are signed, whatever order a file was written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A new Ed25519 key pair for the PPA office, as PEM (PKCS#8 private, SPKI public). */
export function newRegistryKey(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The registry content for the agencies of a bus registry file (their ids, roles and names) and their nodes' public keys. */
export function registryContent(
  agencies: readonly AgencyEntry[],
  version: number,
  issuedAt = new Date(),
  keys: Readonly<Record<string, AgencyPublicKeys>> = {},
): RegistryContent {
  return {
    version,
    issuedAt: issuedAt.toISOString(),
    agencies: agencies.map((a) => ({ id: a.id, role: a.node, name: a.name, ...(keys[a.id] ? { keys: keys[a.id] } : {}) })),
  };
}

/** Signs registry content with the PPA office's private key (PEM). */
export function signRegistry(content: RegistryContent, privatePem: string): SignedRegistryFile {
  const key = createPrivateKey(privatePem);
  if (key.asymmetricKeyType !== 'ed25519') throw new RegistryRefused('the PPA office key must be an Ed25519 private key');
  return { registry: content, signature: sign(null, Buffer.from(canonicalJson(content)), key).toString('base64') };
}

/**
 * Reads a signed registry and checks it against the PPA office's public key
 * (PEM): the agencies as AgencyEntry, or RegistryRefused saying what is wrong
 * and what to do. Nothing of an unsigned or wrongly signed file is used.
 */
export function verifySignedRegistry(text: string, publicPem: string, where = 'the agency registry'): VerifiedRegistry {
  let key: KeyObject;
  try {
    key = createPublicKey(publicPem);
  } catch {
    throw new RegistryRefused(`AGENCY_REGISTRY_KEY is not a public key in PEM form: ${HOW}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new RegistryRefused(`AGENCY_REGISTRY_KEY is not an Ed25519 public key: ${HOW}`);
  let file: Partial<SignedRegistryFile>;
  try {
    file = JSON.parse(text) as Partial<SignedRegistryFile>;
  } catch {
    throw new RegistryRefused(`${where} is not JSON: ${HOW}`);
  }
  if (!file || typeof file !== 'object' || typeof file.signature !== 'string' || !file.registry || typeof file.registry !== 'object') {
    throw new RegistryRefused(`${where} is not signed (no registry and signature): ${HOW}`);
  }
  const signature = Buffer.from(file.signature, 'base64');
  if (!verify(null, Buffer.from(canonicalJson(file.registry)), key, signature)) {
    throw new RegistryRefused(
      `${where} is not signed by the PPA office key in AGENCY_REGISTRY_KEY (changed, or signed by another key): ${HOW}`,
    );
  }
  const problems = contentProblems(file.registry);
  if (problems.length) throw new RegistryRefused(`${where} is signed but invalid: ${problems.join('; ')}`);
  return {
    version: file.registry.version,
    agencies: file.registry.agencies.map((a) => ({ id: a.id, node: a.role, name: a.name })),
    keys: Object.fromEntries(
      file.registry.agencies.filter((a) => a.keys).map((a) => [a.id, { x25519: a.keys!.x25519, ed25519: a.keys!.ed25519 }]),
    ),
  };
}

/** Reads and verifies a signed registry file against a public key file. */
export function loadSignedRegistry(path: string, keyPath: string): VerifiedRegistry {
  return verifySignedRegistry(readFileSync(path, 'utf8'), readFileSync(keyPath, 'utf8'), `AGENCY_REGISTRY ${path}`);
}

function contentProblems(r: RegistryContent): string[] {
  const p: string[] = [];
  if (!Number.isInteger(r.version) || r.version < 1) p.push('version must be a whole number from 1');
  if (!Array.isArray(r.agencies) || !r.agencies.length) return [...p, 'agencies must list at least one agency'];
  const seen = new Set<string>();
  for (const a of r.agencies) {
    if (!TOKEN_PATTERN.test(a?.id ?? '')) p.push(`agency id "${a?.id}" must match ${TOKEN_PATTERN}`);
    else if (seen.has(a.id)) p.push(`agency ${a.id} appears twice`);
    seen.add(a?.id);
    if (!TOKEN_PATTERN.test(a?.role ?? '')) p.push(`agency ${a?.id}: role must match ${TOKEN_PATTERN}`);
    if (a?.keys !== undefined) {
      if (!isPublicKey(a.keys?.x25519, 'x25519')) p.push(`agency ${a.id}: keys.x25519 must be an X25519 public key (SPKI PEM)`);
      if (!isPublicKey(a.keys?.ed25519, 'ed25519')) p.push(`agency ${a.id}: keys.ed25519 must be an Ed25519 public key (SPKI PEM)`);
    }
  }
  return p;
}

function isPublicKey(pem: unknown, type: 'x25519' | 'ed25519'): boolean {
  if (typeof pem !== 'string') return false;
  try {
    return createPublicKey(pem).asymmetricKeyType === type;
  } catch {
    return false;
  }
}

/**
 * Signs these agencies with a local stand-in for the PPA office's key, kept in
 * `dir` (made once, reused after): for `npm start`, the benchmark and tests,
 * where no office signs. Writes `dir/agency-registry.signed.json`; returns
 * what a node's AGENCY_REGISTRY and AGENCY_REGISTRY_KEY are set to.
 */
export function signWithLocalOffice(
  agencies: readonly AgencyEntry[],
  dir: string,
  version = 1,
  keys: Readonly<Record<string, AgencyPublicKeys>> = {},
): { path: string; keyPath: string } {
  const privatePath = join(dir, 'ppa-office.key.pem');
  const keyPath = join(dir, 'ppa-office.pub.pem');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let privatePem: string;
  try {
    privatePem = readFileSync(privatePath, 'utf8');
  } catch {
    const pair = newRegistryKey();
    writeFileSync(privatePath, pair.privatePem, { mode: 0o600 });
    writeFileSync(keyPath, pair.publicPem);
    privatePem = pair.privatePem;
  }
  const path = join(dir, 'agency-registry.signed.json');
  writeFileSync(path, `${JSON.stringify(signRegistry(registryContent(agencies, version, new Date(), keys), privatePem), null, 2)}\n`);
  return { path, keyPath };
}
