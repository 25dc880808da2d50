import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { walkInComplaint } from '../support/complaint.js';
import { query } from '../support/database.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The access record on a real intake node: each change's row commits in the
 * change's own transaction, nobody may change or delete a row, and the
 * verify command finds a row edited behind the triggers' back and a tail cut
 * from the record (against the heads the node signed off the node).
 */
describe('the tamper-evident access record', () => {
  let network: Network;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'access-record-'));
  const headsFile = join(dir, 'intake.heads.jsonl');

  const intake = () => network.nodes.get('intake')!;
  const db = (sql: string, params: unknown[] = []) => query(intake().database, sql, params);
  const lastSeq = async () => Number((await db(`SELECT coalesce(max(seq), 0) AS n FROM access_record`))[0].n);

  async function post(path: string, body: unknown) {
    const res = await fetch(`${intake().url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { id: string } };
  }

  /** Runs `verify-access-record`: its exit code and what it printed. */
  async function verify(): Promise<{ code: number; out: string }> {
    try {
      const { stdout } = await network.command('intake', ['verify-access-record']);
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: `${e.stdout}${e.stderr}` };
    }
  }

  /** Waits until the node has signed a head at the record's current end. */
  async function headSignedAt(seq: number): Promise<void> {
    await waitFor(`a head signed at row ${seq}`, () => {
      try {
        return readFileSync(headsFile, 'utf8')
          .trim()
          .split('\n')
          .some((line) => Number((JSON.parse(line) as { head: { seq: string } }).head.seq) === seq);
      } catch {
        return false;
      }
    });
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'record',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake'],
      nodeEnv: {
        intake: {
          NODE_KEY_FILE: join(dir, 'intake.node-key.json'),
          ACCESS_RECORD_HEADS_FILE: headsFile,
          ACCESS_RECORD_SIGN_INTERVAL_SECONDS: '1',
        },
      },
    });
    token = (await signInStaff(network, [{ username: 'worker', role: 'case-worker' }])).get('intake/worker')!.token;
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the node key file on first start, with an Ed25519 key only the agency can read', () => {
    const file = JSON.parse(readFileSync(join(dir, 'intake.node-key.json'), 'utf8')) as {
      version: number;
      ed25519: { privateKey: string };
    };
    expect(file.version).toBe(1);
    expect(file.ed25519.privateKey).toContain('BEGIN PRIVATE KEY');
    expect(statSync(join(dir, 'intake.node-key.json')).mode & 0o077).toBe(0);
  });

  it('writes a change’s row in the transaction that makes the change', async () => {
    const created = await post('/cases', walkInComplaint());
    expect(created.status).toBe(201);
    const [change] = await db(`SELECT xmin::text AS tx FROM case_file WHERE id = $1`, [created.body.id]);
    const rows = await db(`SELECT xmin::text AS tx, outcome FROM access_record WHERE route = 'POST /cases' AND resource_id = $1`, [
      created.body.id,
    ]);
    expect(rows).toEqual([{ tx: change.tx, outcome: 'allowed' }]);
  });

  it('chains rows written by parallel requests without a gap or a fork', async () => {
    const before = await lastSeq();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('/cases', walkInComplaint())));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const [chain] = await db(
      `SELECT count(*)::int AS n, count(DISTINCT prev_hash)::int AS prevs, max(seq) - min(seq) + 1 AS span FROM access_record WHERE seq > $1`,
      [before],
    );
    expect(Number(chain.n)).toBeGreaterThanOrEqual(20);
    expect([Number(chain.prevs), Number(chain.span)]).toEqual([Number(chain.n), Number(chain.n)]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the record, even to its owner', async () => {
    const n = await lastSeq();
    for (const sql of [
      `UPDATE access_record SET outcome = 'denied' WHERE seq = 1`,
      `DELETE FROM access_record WHERE seq = ${n}`,
      `TRUNCATE access_record`,
    ]) {
      await expect(db(sql)).rejects.toThrow(/access_record is append-only/);
    }
    expect(await lastSeq()).toBe(n);
  });

  it('verifies an intact record against the heads the node signed', async () => {
    await headSignedAt(await lastSeq());
    const { code, out } = await verify();
    expect({ code, out }).toEqual({ code: 0, out: expect.stringMatching(/access record intact: \d+ rows[\s\S]*\d+ signed heads match/) });
  });

  it('finds a tail cut from the record behind the triggers’ back', async () => {
    const n = await lastSeq();
    await headSignedAt(n);
    // A superuser can get past triggers; the signed head still names the rows that were there.
    await db(
      `SET session_replication_role = replica; DELETE FROM access_record WHERE seq > ${n - 3}; SET session_replication_role = DEFAULT`,
    );
    const { code, out } = await verify();
    expect(code).toBe(1);
    expect(out).toContain(`access record BROKEN at row ${n - 2}: row ${n - 2} is missing`);
    expect(out).toContain('its tail was cut');
  });

  it('finds a row a superuser edited, and names it', async () => {
    const [row] = await db(`SELECT id::text FROM access_record WHERE seq = 3`);
    await db(
      `SET session_replication_role = replica; UPDATE access_record SET staff_id = 'someone-else' WHERE seq = 3; SET session_replication_role = DEFAULT`,
    );
    const { code, out } = await verify();
    expect(code).toBe(1);
    expect(out).toContain(
      `access record BROKEN at row 3 (id ${row.id as string}): row 3 (id ${row.id as string}) was changed after it was written`,
    );
  });
});
