import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';

const execFileAsync = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'rujukan-node-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the node key file', () => {
  /**
   * A node and one of its commands (an import, `keys show`) start at once on
   * a key file made before sealing and before the master key: each adds what
   * is missing. Had each written its own, TOTP secrets encrypted by one could
   * not be read by the other, and events sealed to one X25519 key would not open.
   */
  it('processes adding the missing keys at once all end with the same keys', async () => {
    const path = join(dir, 'old.node-key.json');
    const ed = generateKeyPairSync('ed25519');
    writeFileSync(
      path,
      JSON.stringify({
        version: 1,
        createdAt: '2026-01-01T00:00:00.000Z',
        ed25519: {
          privateKey: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          publicKey: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      }),
      { mode: 0o600 },
    );
    const module = resolve('dist/libs/messaging/src/keys/node-keys.js');
    // Every process loaded and waiting, then all at the same instant.
    const go = Date.now() + 1500;
    const script = `const { NodeKeys } = await import(${JSON.stringify(module)});
      while (Date.now() < ${go});
      const k = NodeKeys.loadOrCreate(${JSON.stringify(path)});
      console.log(JSON.stringify({ x: k.publicKeys.x25519, m: k.masterKey.export().toString('base64') }));`;
    const seen = await Promise.all(
      Array.from({ length: 6 }, async () => (await execFileAsync(process.execPath, ['--input-type=module', '-e', script])).stdout.trim()),
    );
    expect(new Set(seen).size).toBe(1);
    const file = JSON.parse(readFileSync(path, 'utf8')) as { masterKey: string; x25519: { publicKey: string } };
    expect(JSON.parse(seen[0])).toEqual({ x: file.x25519.publicKey, m: file.masterKey });
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
