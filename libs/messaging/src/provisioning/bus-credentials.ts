import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeAccount, encodeOperator, encodeUser, fmtCreds } from '@nats-io/jwt';
import { createAccount, createOperator, createUser, fromSeed, type KeyPair } from '@nats-io/nkeys';
import { publishFilter } from '@rujukan/contracts';
import { directoryBucket } from '../directory/agency-card.js';
import { registryBucket } from '../registry/registry-on-bus.js';
import { reportsBucket } from '../operations/node-report.js';
import { agencyInboxPrefix, consumerNames, consumerPlaces, rebuildConsumerName } from '../messaging.config.js';
import type { AgencyEntry, BusRegistry } from './bus-registry.js';

/**
 * The bus's decentralized authentication (docs/bus.md): an operator, one
 * account for the network (plus the server's system account), one user per
 * agency allowed exactly its own part, and one for the bus team. Keys are kept
 * in the output folder and reused on every run; a revoked agency stays revoked.
 */
export interface CredentialsOptions {
  /** The bus team's folder: keys, creds files, the server's configuration and TLS files. */
  out: string;
  /** Host names and addresses the server's certificate is valid for (nodes connect to one of them). */
  hosts?: string[];
  port?: number;
  /** Monitoring port, bound to loopback only. */
  monitorPort?: number;
  /** JetStream's storage folder as the server sees it. */
  storeDir?: string;
  /** Largest message an agency may publish (bytes). */
  maxPayload?: number;
}

export interface CredentialsReport {
  config: string;
  issued: string[];
  revoked: string[];
}

export const BUS_ADMIN = 'bus-admin';
const DEFAULT_MAX_PAYLOAD = 256 * 1024;

/** What an agency's user may publish and subscribe to: its own events, consumers, card, report and inbox, nothing more. */
export function agencyPermissions(registry: BusRegistry, agency: AgencyEntry): { pub: string[]; sub: string[] } {
  const { prefix, stream } = registry.network;
  const kv = directoryBucket(stream);
  const registryKv = registryBucket(stream);
  const reports = reportsBucket(stream);
  const names = consumerNames(agency.id);
  // Each of its consumers where it sits, and for the inbox also where a bus not yet migrated keeps it.
  const own = consumerPlaces({ stream, agency: agency.id, broadcasts: agency.broadcasts === true }).flatMap((p) =>
    p.streams.map((s) => ({ stream: s, name: p.name })),
  );
  const pub = [
    publishFilter(prefix, agency.id),
    `$KV.${kv}.${agency.id}`,
    // Its node's counts for the bus team (outbox, receipts, dead letters by kind), under its own key only.
    `$KV.${reports}.${agency.id}`,
    '$JS.API.INFO',
    `$JS.API.STREAM.INFO.KV_${kv}`,
    // Read only, the signed registry's copy (public facts, and the signature is checked by the node).
    `$JS.API.STREAM.INFO.KV_${registryKv}`,
    `$JS.API.DIRECT.GET.KV_${registryKv}`,
    `$JS.API.DIRECT.GET.KV_${registryKv}.>`,
    `$JS.API.STREAM.MSG.GET.KV_${registryKv}`,
    `$JS.API.STREAM.INFO.KV_${reports}`,
    ...own.flatMap((c) => [
      `$JS.API.CONSUMER.INFO.${c.stream}.${c.name}`,
      `$JS.API.CONSUMER.MSG.NEXT.${c.stream}.${c.name}`,
      `$JS.ACK.${c.stream}.${c.name}.>`,
    ]),
  ];
  if (agency.broadcasts) {
    // The rebuild reads the broadcasts again through one consumer of a fixed name and filter.
    const r = rebuildConsumerName(agency.id);
    pub.push(
      `$JS.API.CONSUMER.CREATE.${stream}.${r}.${prefix}.*.*.*.*.all`,
      `$JS.API.CONSUMER.INFO.${stream}.${r}`,
      `$JS.API.CONSUMER.MSG.NEXT.${stream}.${r}`,
      `$JS.API.CONSUMER.DELETE.${stream}.${r}`,
      `$JS.ACK.${stream}.${r}.>`,
    );
  }
  if (agency.node === 'intake') {
    // Intake follows the directory (agency cards: names, services, free places; no victim data) through
    // the one consumer the bus team made for it; it creates none (a consumer's deliver subject is unchecked).
    const d = names.directory;
    pub.push(`$JS.API.CONSUMER.INFO.KV_${kv}.${d}`, `$JS.API.CONSUMER.MSG.NEXT.KV_${kv}.${d}`, `$JS.ACK.KV_${kv}.${d}.>`);
  }
  return { pub, sub: [`${agencyInboxPrefix(agency.id)}.>`] };
}

/** Generates or updates the bus's credentials and server configuration in `options.out`. */
export async function writeBusCredentials(registry: BusRegistry, options: CredentialsOptions): Promise<CredentialsReport> {
  const out = resolve(options.out);
  const keys = join(out, 'keys');
  mkdirSync(keys, { recursive: true, mode: 0o700 });
  chmodSync(out, 0o700);
  const revoked = readRevoked(out);

  const operator = keyPair(join(keys, 'operator.nk'), createOperator);
  const system = keyPair(join(keys, 'system-account.nk'), createAccount);
  const account = keyPair(join(keys, 'account.nk'), createAccount);
  // Issued once: the server cannot reload a changed operator (or system account), only a changed network account.
  const operatorJwt = await kept(join(keys, 'operator.jwt'), () => encodeOperator('rujukan', operator));
  const unlimited = { conn: -1, subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, leaf: -1 };
  const systemJwt = await kept(join(keys, 'system-account.jwt'), () =>
    encodeAccount('SYS', system, { limits: unlimited }, { signer: operator }),
  );
  const revocations = Object.fromEntries(Object.values(revoked).map((r) => [r.publicKey, r.revokedAt]));
  const accountJwt = await encodeAccount(
    registry.network.stream,
    account,
    { limits: { ...unlimited, mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 }, revocations },
    { signer: operator },
  );

  const issued: string[] = [];
  const maxPayload = options.maxPayload ?? DEFAULT_MAX_PAYLOAD;
  for (const agency of registry.agencies) {
    const file = join(out, `${agency.id}.creds`);
    if (revoked[agency.id]) {
      rmSync(file, { force: true });
      continue;
    }
    const user = keyPair(join(keys, `user-${agency.id}.nk`), createUser);
    const { pub, sub } = agencyPermissions(registry, agency);
    // A per-user payload cap and subscription cap keep one agency from crowding the others out.
    const jwt = await encodeUser(agency.id, user, account, {
      pub: { allow: pub },
      sub: { allow: sub },
      subs: 1000,
      data: -1,
      payload: maxPayload,
    });
    writeSecret(file, fmtCreds(jwt, user));
    issued.push(agency.id);
  }
  const admin = keyPair(join(keys, `user-${BUS_ADMIN}.nk`), createUser);
  writeSecret(
    join(out, `${BUS_ADMIN}.creds`),
    fmtCreds(await encodeUser(BUS_ADMIN, admin, account, { subs: -1, data: -1, payload: -1 }), admin),
  );

  const tls = ensureTls(join(out, 'tls'), options.hosts ?? ['127.0.0.1', 'localhost']);
  const config = join(out, 'nats-server.conf');
  writeFileSync(
    config,
    [
      '# Generated by `npm run bus -- credentials`; re-run it rather than editing. Reload after a change: nats-server --signal reload',
      `listen: "0.0.0.0:${options.port ?? 4222}"`,
      `http: "127.0.0.1:${options.monitorPort ?? 8222}"`,
      `operator: "${operatorJwt}"`,
      `system_account: "${system.getPublicKey()}"`,
      'resolver: MEMORY',
      'resolver_preload: {',
      `  ${system.getPublicKey()}: "${systemJwt}"`,
      `  ${account.getPublicKey()}: "${accountJwt}"`,
      '}',
      `jetstream: { store_dir: "${options.storeDir ?? join(out, 'jetstream')}" }`,
      `tls: { cert_file: "${tls.cert}", key_file: "${tls.key}", timeout: 2 }`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return { config, issued, revoked: Object.keys(revoked) };
}

/** Revokes an agency's user: its creds stop working once the server reloads the configuration. */
export async function revokeAgency(registry: BusRegistry, options: CredentialsOptions, agencyId: string): Promise<CredentialsReport> {
  if (!registry.agencies.some((a) => a.id === agencyId)) throw new Error(`agency ${agencyId} is not in the bus registry`);
  const out = resolve(options.out);
  const userFile = join(out, 'keys', `user-${agencyId}.nk`);
  if (!existsSync(userFile)) throw new Error(`no credentials were issued to ${agencyId} in ${out}`);
  const revoked = readRevoked(out);
  revoked[agencyId] ??= {
    publicKey: fromSeed(readFileSync(userFile)).getPublicKey(),
    revokedAt: Math.floor(Date.now() / 1000) + 1, // a JWT issued in this very second is revoked too
  };
  writeFileSync(join(out, 'revoked.json'), `${JSON.stringify(revoked, null, 2)}\n`, { mode: 0o600 });
  return writeBusCredentials(registry, options);
}

type Revoked = Record<string, { publicKey: string; revokedAt: number }>;

function readRevoked(out: string): Revoked {
  const file = join(out, 'revoked.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Revoked) : {};
}

/** The token kept in `file`, made once. */
async function kept(file: string, make: () => Promise<string>): Promise<string> {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const jwt = await make();
  writeSecret(file, jwt);
  return jwt;
}

/** The key pair kept in `file`, made once. */
function keyPair(file: string, create: () => KeyPair): KeyPair {
  if (existsSync(file)) return fromSeed(readFileSync(file));
  const kp = create();
  writeSecret(file, kp.getSeed());
  return kp;
}

function writeSecret(file: string, data: Uint8Array | string): void {
  writeFileSync(file, data, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * The network's CA and the server's certificate, made with the openssl command
 * line (node:crypto cannot write X.509). Kept across runs; a new host list
 * re-issues the server certificate from the same CA.
 */
function ensureTls(dir: string, hosts: string[]): { ca: string; cert: string; key: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca-key.pem');
  const cert = join(dir, 'server-cert.pem');
  const key = join(dir, 'server-key.pem');
  const hostsFile = join(dir, 'server-hosts.txt');
  const openssl = (args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.error?.message ?? r.stderr.trim()}`);
  };
  if (!existsSync(ca)) {
    openssl(
      ['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-keyout', caKey, '-out', ca].concat([
        '-days',
        '3650',
        '-subj',
        '/CN=rujukan bus CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
      ]),
    );
  }
  const wanted = hosts.join(',');
  if (!existsSync(cert) || !existsSync(hostsFile) || readFileSync(hostsFile, 'utf8') !== wanted) {
    const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
    const csr = join(dir, 'server.csr');
    const ext = join(dir, 'server.ext');
    writeFileSync(ext, `subjectAltName=${san}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n`);
    openssl([
      'req',
      '-new',
      '-nodes',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/CN=${hosts[0]}`,
    ]);
    openssl(['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-out', cert, '-days', '825', '-extfile', ext]);
    rmSync(csr, { force: true });
    rmSync(ext, { force: true });
    writeFileSync(hostsFile, wanted);
  }
  for (const f of [caKey, key]) chmodSync(f, 0o600);
  return { ca, cert, key };
}
