import { keysFingerprint } from '../registry/key-pins.js';
import { NodeKeys } from './node-keys.js';

/**
 * `keys show`: prints the node's public keys (making the key file at first
 * use) as the JSON the PPA office signs in (npm run registry -- set-keys).
 * `keys rotate`: a new X25519 pair; the old one stays in the file so events
 * already sealed to it still open. Needs only NODE_KEY_FILE and AGENCY_ID.
 */
export function runKeysCommand(args: string[], env: Record<string, string | undefined>, out: (text: string) => void): number {
  const path = env.NODE_KEY_FILE?.trim();
  if (!path) {
    out('keys: set NODE_KEY_FILE to the node key file (it is made at first start)\n');
    return 2;
  }
  const [verb] = args;
  if (verb !== 'show' && verb !== 'rotate') {
    out('usage: keys show | keys rotate\n');
    return 2;
  }
  const keys = verb === 'rotate' ? NodeKeys.rotateSealingKey(path) : NodeKeys.loadOrCreate(path).publicKeys;
  out(`${JSON.stringify({ agency: env.AGENCY_ID?.trim(), fingerprint: keysFingerprint(keys), keys }, null, 2)}\n`);
  return 0;
}
