import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { totpCode } from '@rujukan/auth';
import type { Network } from '../../scripts/network/start-network.js';
import { databaseUrl, query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';

const execFileAsync = promisify(execFile);
const STEP_MS = 30_000;

/**
 * TOTP secrets at rest on a real intake node with its key file: the database
 * (a SELECT, a pg_dump) holds the secret only encrypted with the key file's
 * master key, and a secret left in plain from before is encrypted at the
 * node's next start and still signs in.
 */
describe('TOTP secrets encrypted at rest', () => {
  let network: Network;
  let worker: { id: string; username: string; password: string; token: string };
  let secret: string;
  const logs: string[] = [];

  const intake = () => network.nodes.get('intake')!;
  const stored = async () =>
    (await query<{ s: string | null }>(intake().database, `SELECT totp_secret AS s FROM staff_account WHERE id = $1`, [worker.id]))[0].s;
  /** The code of the step `offset` steps from now: the node takes the neighbouring steps too. */
  const code = (offset: number) => totpCode(secret, new Date(Date.now() + offset * STEP_MS));

  async function call(path: string, body: unknown, token?: string) {
    const res = await fetch(`${intake().url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'totp_rest',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake'],
      onLine: (_, line) => logs.push(line),
    });
    worker = (await signInStaff(network, [{ username: 'worker', role: 'case-worker' }])).get('intake/worker')!;
    const begun = await call('/auth/second-factor', {}, worker.token);
    expect(begun.status).toBe(200);
    secret = begun.body.secret as string;
    // The step before now: the sign-in below takes a later one (a code works once).
    expect((await call('/auth/second-factor/confirm', { code: code(-1) }, worker.token)).status).toBe(200);
  });

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  it('keeps no secret in the database: a SELECT and a pg_dump find only its encryption', async () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const value = await stored();
    expect(value).toMatch(/^aead1:[A-Za-z0-9_-]+$/);
    expect(value).not.toContain(secret);
    const dump = await execFileAsync('pg_dump', ['--data-only', '--table=staff_account', databaseUrl(intake().database)], {
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(dump.stdout).toContain(value);
    expect(dump.stdout).not.toContain(secret);
    // Nothing in the dump has the shape of a TOTP secret.
    expect(dump.stdout.match(/\b[A-Z2-7]{32}\b/g)).toBeNull();
    const signedIn = await call('/auth/sign-in', { username: worker.username, password: worker.password, code: code(1) });
    expect(signedIn.status).toBe(200);
  });

  it('encrypts a secret stored in plain at the next start, and it still signs in', async () => {
    await network.stopNode('intake');
    // As a node from before encryption left it: the secret in plain, no step used yet.
    await query(intake().database, `UPDATE staff_account SET totp_secret = $2, totp_last_step = NULL WHERE id = $1`, [worker.id, secret]);
    logs.length = 0;
    await network.startNode('intake');
    expect(logs.filter((l) => l.includes('encrypted 1 TOTP secrets stored in plain')).length).toBe(1);
    const value = await stored();
    expect(value).toMatch(/^aead1:/);
    expect(value).not.toContain(secret);
    const signedIn = await call('/auth/sign-in', { username: worker.username, password: worker.password, code: code(0) });
    expect(signedIn.status).toBe(200);
  });
});
