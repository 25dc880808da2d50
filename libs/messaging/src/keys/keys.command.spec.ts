import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runKeysCommand } from './keys.command.js';

const dir = mkdtempSync(join(tmpdir(), 'rujukan-keys-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command as an agency's IT officer runs it: what it prints, and its exit code. */
function keys(...args: string[]): { code: number; printed: string } {
  let printed = '';
  const code = runKeysCommand(args, { NODE_KEY_FILE: join(dir, 'node-key.json'), AGENCY_ID: 'rumah-aman-x' }, (t) => (printed += t));
  return { code, printed };
}
const ed25519 = (printed: string) => (JSON.parse(printed) as { keys: { ed25519: string } }).keys.ed25519;

describe('keys command', () => {
  it('shows the keys to sign in, rotates the signing key in two steps, and says why a step is out of turn', () => {
    const shown = keys('show');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.printed)).toMatchObject({
      agency: 'rumah-aman-x',
      fingerprint: expect.stringMatching(/^[0-9a-f]{4}(:[0-9a-f]{4}){15}$/),
    });

    const started = keys('rotate-signing');
    expect(started.code).toBe(0);
    expect(ed25519(started.printed)).not.toBe(ed25519(shown.printed));
    // While it runs, `show` prints the new signing key: the one the PPA office signs in.
    expect(ed25519(keys('show').printed)).toBe(ed25519(started.printed));
    expect(keys('rotate-signing')).toEqual({ code: 1, printed: expect.stringContaining('a signing rotation already runs') });

    const finished = keys('finish-signing-rotation');
    expect(finished.code).toBe(0);
    expect(ed25519(finished.printed)).toBe(ed25519(started.printed));
    expect(keys('finish-signing-rotation')).toEqual({ code: 1, printed: expect.stringContaining('no signing rotation runs') });
    expect(keys('burn')).toEqual({ code: 2, printed: expect.stringContaining('usage: keys show') });
  });
});
