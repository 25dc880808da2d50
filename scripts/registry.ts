/**
 * The province PPA office's command for the agency registry (docs/security.md).
 *   npm run registry -- init-key --out DIR                       (DIR/ppa-office.key.pem, kept offline; DIR/ppa-office.pub.pem for the nodes)
 *   npm run registry -- sign --key KEY.pem --in bus/agencies.json --out registry.signed.json [--version N]
 *   npm run registry -- verify --in registry.signed.json --key PUB.pem
 *   npm run registry -- sign-local --in bus/agencies.json --key-dir DIR --out DIR2 [--node-keys DIR3 --for ID,ID]
 *     (a stand-in office for one machine: docker compose; with --node-keys, the listed agencies' node key files are made and signed in)
 *   npm run registry -- add --key KEY.pem --registry registry.signed.json --id ID --role ROLE --name "NAME"
 *   npm run registry -- remove --key KEY.pem --registry registry.signed.json --id ID
 *   npm run registry -- set-keys --key KEY.pem --registry registry.signed.json --keys node-keys.json
 *     (node-keys.json: what the agency's node printed with `node dist/apps/<role>/src/main.js keys show`)
 * `sign` takes the agencies (ids, roles, names) of a bus registry file; the
 * nodes load the signed file with AGENCY_REGISTRY and AGENCY_REGISTRY_KEY.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadRegistry,
  loadSignedRegistry,
  newRegistryKey,
  registryContent,
  signRegistry,
  signWithLocalOffice,
  keysFingerprint,
  NodeKeys,
  verifySignedRegistry,
  type AgencyPublicKeys,
  type SignedRegistryFile,
} from '@rujukan/messaging';

const USAGE =
  'usage: npm run registry -- init-key --out DIR | sign --key KEY.pem --in bus/agencies.json --out FILE [--version N] | verify --in FILE --key PUB.pem' +
  ' | sign-local --in bus/agencies.json --key-dir DIR --out DIR [--node-keys DIR --for ID,ID] | add --key KEY.pem --registry FILE --id ID --role ROLE --name NAME | remove --key KEY.pem --registry FILE --id ID' +
  ' | set-keys --key KEY.pem --registry FILE --keys NODE-KEYS.json';

function main(argv: string[]): number {
  const [verb] = argv;
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const need = (name: string) => {
    const value = flag(name);
    if (!value) throw new Error(`${verb} needs --${name}\n${USAGE}`);
    return value;
  };
  if (verb === 'init-key') {
    const out = need('out');
    const privatePath = join(out, 'ppa-office.key.pem');
    if (existsSync(privatePath)) throw new Error(`${privatePath} exists: a new key would orphan every registry signed with it`);
    const { privatePem, publicPem } = newRegistryKey();
    mkdirSync(out, { recursive: true });
    writeFileSync(privatePath, privatePem, { mode: 0o600 });
    writeFileSync(join(out, 'ppa-office.pub.pem'), publicPem);
    console.log(
      `wrote ${privatePath} (keep it offline) and ${join(out, 'ppa-office.pub.pem')} (give it to every node as AGENCY_REGISTRY_KEY)`,
    );
    return 0;
  }
  if (verb === 'sign') {
    const out = need('out');
    const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Partial<SignedRegistryFile>).registry?.version : undefined;
    const version = flag('version') ? Number(flag('version')) : (previous ?? 0) + 1;
    const privatePem = readFileSync(need('key'), 'utf8');
    // The keys signed in before stay (set-keys changes them), taken only from a file this key signed.
    const publicPem = createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();
    const keys = existsSync(out) ? verifySignedRegistry(readFileSync(out, 'utf8'), publicPem, out).keys : {};
    const signed = signRegistry(registryContent(loadRegistry(need('in')).agencies, version, new Date(), keys), privatePem);
    writeFileSync(out, `${JSON.stringify(signed, null, 2)}\n`);
    console.log(`signed ${signed.registry.agencies.length} agencies as version ${version} into ${out}`);
    return 0;
  }
  if (verb === 'verify') {
    const { version, agencies } = loadSignedRegistry(need('in'), need('key'));
    console.log(`${need('in')} (version ${version}) is signed by this key: ${agencies.map((a) => `${a.id} (${a.node})`).join(', ')}`);
    return 0;
  }
  if (verb === 'sign-local') {
    // A single-machine network has no PPA office: a stand-in key kept apart (key-dir) signs; out holds what nodes mount.
    const keyDir = need('key-dir');
    const out = need('out');
    const agencies = loadRegistry(need('in')).agencies;
    // With --node-keys DIR --for ID,ID: each listed agency's node key file DIR/<id>.node-key.json is made (or kept) and its
    // public keys are signed in, so the nodes start sealed and signed, as npm start's do. In the field each node makes
    // its own key file and the office signs in what it printed (set-keys).
    const keys: Record<string, AgencyPublicKeys> = {};
    const keysDir = flag('node-keys');
    if (keysDir) {
      for (const id of need('for').split(',').filter(Boolean)) {
        if (!agencies.some((a) => a.id === id)) throw new Error(`--for ${id}: not in ${need('in')}`);
        keys[id] = NodeKeys.loadOrCreate(join(keysDir, `${id}.node-key.json`)).publicKeys;
      }
    }
    const signed = signWithLocalOffice(agencies, keyDir, 1, keys);
    mkdirSync(out, { recursive: true });
    copyFileSync(signed.path, join(out, 'agency-registry.signed.json'));
    copyFileSync(signed.keyPath, join(out, 'ppa-office.pub.pem'));
    console.log(
      `signed with the stand-in office key in ${keyDir}: ${out}/agency-registry.signed.json and ${out}/ppa-office.pub.pem` +
        (keysDir ? `, with the keys of ${Object.keys(keys).join(', ')} (key files in ${keysDir})` : ''),
    );
    return 0;
  }
  if (verb === 'add' || verb === 'remove' || verb === 'set-keys') {
    const path = need('registry');
    const privatePem = readFileSync(need('key'), 'utf8');
    // Only a registry this key signed is changed: a file edited since, or another office's, is refused.
    const publicPem = createPublicKey(createPrivateKey(privatePem)).export({ type: 'spki', format: 'pem' }).toString();
    const current = verifySignedRegistry(readFileSync(path, 'utf8'), publicPem, path);
    let agencies = current.agencies;
    const keys = { ...current.keys };
    let id: string;
    if (verb === 'set-keys') {
      // What the agency's node printed (keys show): its id and public keys; the office checks the fingerprint with the agency first.
      const printed = JSON.parse(readFileSync(need('keys'), 'utf8')) as { agency?: string; keys?: AgencyPublicKeys };
      id = printed.agency ?? '';
      if (!agencies.some((a) => a.id === id)) throw new Error(`${id || '(no agency)'} is not in ${path}: add it first`);
      if (!printed.keys?.x25519 || !printed.keys.ed25519) throw new Error(`${need('keys')} holds no x25519 and ed25519 public keys`);
      keys[id] = { x25519: printed.keys.x25519, ed25519: printed.keys.ed25519 };
      console.log(`${id}: keys with fingerprint ${keysFingerprint(keys[id])}`);
    } else if (verb === 'add') {
      id = need('id');
      if (agencies.some((a) => a.id === id)) throw new Error(`${id} is already in ${path}`);
      agencies = [...agencies, { id, node: need('role'), name: need('name') }];
    } else {
      id = need('id');
      if (!agencies.some((a) => a.id === id)) throw new Error(`${id} is not in ${path}`);
      agencies = agencies.filter((a) => a.id !== id);
      delete keys[id];
    }
    const signed = signRegistry(registryContent(agencies, current.version + 1, new Date(), keys), privatePem);
    // The signed content is checked as a node would before the file is replaced.
    verifySignedRegistry(JSON.stringify(signed), publicPem, path);
    writeFileSync(path, `${JSON.stringify(signed, null, 2)}\n`);
    console.log(
      `${verb === 'add' ? 'added' : verb === 'remove' ? 'removed' : 'set the keys of'} ${id}; ${path} is version ${current.version + 1}: give it to the nodes (and the bus team: npm run bus -- publish-registry)`,
    );
    return 0;
  }
  console.error(USAGE);
  return 2;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
