import { keysFingerprint } from '../registry/key-pins.js';
import { NodeKeys, type AgencyPublicKeys } from './node-keys.js';

/**
 * `keys show`: prints the node's public keys (making the key file at first
 * use) as the JSON the PPA office signs in (npm run registry -- set-keys).
 * `keys rotate`: a new X25519 pair; the old one stays in the file so events
 * already sealed to it still open. `keys rotate-signing`: a new Ed25519 pair
 * that signs beside the old one; `keys finish-signing-rotation`, once every
 * receiving agency accepted it, drops the old one from signing. Each prints
 * the public keys to sign in. Needs only NODE_KEY_FILE and AGENCY_ID.
 */
export function runKeysCommand(args: string[], env: Record<string, string | undefined>, out: (text: string) => void): number {
  const path = env.NODE_KEY_FILE?.trim();
  if (!path) {
    out('keys: set NODE_KEY_FILE to the node key file (it is made at first start)\n');
    return 2;
  }
  const [verb] = args;
  const verbs: Record<string, (file: string) => AgencyPublicKeys> = {
    show: (file) => NodeKeys.loadOrCreate(file).publicKeys,
    rotate: (file) => NodeKeys.rotateSealingKey(file),
    'rotate-signing': (file) => NodeKeys.rotateSigningKey(file),
    'finish-signing-rotation': (file) => NodeKeys.finishSigningRotation(file),
  };
  if (!verb || !Object.hasOwn(verbs, verb)) {
    out('usage: keys show | keys rotate | keys rotate-signing | keys finish-signing-rotation\n');
    return 2;
  }
  let keys: AgencyPublicKeys;
  try {
    keys = verbs[verb](path);
  } catch (err) {
    out(`keys ${verb}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  out(`${JSON.stringify({ agency: env.AGENCY_ID?.trim(), fingerprint: keysFingerprint(keys), keys }, null, 2)}\n`);
  return 0;
}
