import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { isSealedAtRest, openAtRest, sealAtRest } from './at-rest.js';
import { NodeKeys, type NodeKeyFile } from './node-keys.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('secrets at rest under the node key file’s master key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-at-rest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens what it sealed, for the same account only, and never shows the secret', () => {
    const keys = NodeKeys.loadOrCreate(join(dir, 'a.node-key.json'));
    const sealed = sealAtRest(keys.masterKey, SECRET, 'staff_account.totp:one');
    expect(isSealedAtRest(sealed)).toBe(true);
    expect(sealed).not.toContain(SECRET);
    expect(sealAtRest(keys.masterKey, SECRET, 'staff_account.totp:one')).not.toBe(sealed); // a fresh nonce each time
    expect(openAtRest(keys.masterKey, sealed, 'staff_account.totp:one')).toBe(SECRET);
    expect(() => openAtRest(keys.masterKey, sealed, 'staff_account.totp:two')).toThrow();
  });

  it('refuses another node’s key and an altered text', () => {
    const mine = NodeKeys.loadOrCreate(join(dir, 'b.node-key.json'));
    const theirs = NodeKeys.loadOrCreate(join(dir, 'c.node-key.json'));
    const sealed = sealAtRest(mine.masterKey, SECRET, 'x');
    expect(() => openAtRest(theirs.masterKey, sealed, 'x')).toThrow();
    const raw = Buffer.from(sealed.slice('aead1:'.length), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => openAtRest(mine.masterKey, `aead1:${raw.toString('base64url')}`, 'x')).toThrow();
  });

  it('adds a master key to a key file made before it, keeping the file’s other keys, and keeps it across loads', () => {
    const path = join(dir, 'old.node-key.json');
    const first = NodeKeys.loadOrCreate(path);
    const { masterKey, ...older } = JSON.parse(readFileSync(path, 'utf8')) as NodeKeyFile;
    expect(typeof masterKey).toBe('string');
    writeFileSync(path, JSON.stringify(older));
    const upgraded = NodeKeys.loadOrCreate(path);
    expect(upgraded.publicKeys).toEqual(first.publicKeys);
    const added = (JSON.parse(readFileSync(path, 'utf8')) as NodeKeyFile).masterKey;
    expect(Buffer.from(added!, 'base64').length).toBe(32);
    expect(added).not.toBe(masterKey);
    const sealed = sealAtRest(upgraded.masterKey, SECRET, 'x');
    expect(openAtRest(NodeKeys.loadOrCreate(path).masterKey, sealed, 'x')).toBe(SECRET);
  });
});
