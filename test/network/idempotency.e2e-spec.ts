import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requestFingerprint } from '@rujukan/platform';
import type { Network } from '../../scripts/network/start-network.js';
import { query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';
import { walkInComplaint } from '../support/complaint.js';

/**
 * Idempotency-Key on intake and a shelter, each its own process on the real
 * bus and PostgreSQL: a retried POST has one effect and the first answer,
 * also after the node was killed between the two.
 */
describe('Idempotency-Key', () => {
  const logs: string[] = [];
  let network: Network;
  const tokens = new Map<string, string>();
  const staffIds = new Map<string, string>();
  const node = (name: string) => network.nodes.get(name)!;

  async function call(name: string, method: string, path: string, body?: unknown, options: { key?: string; as?: string } = {}) {
    const token = tokens.get(`${name}/${options.as ?? 'worker-a'}`);
    const res = await fetch(`${node(name).url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, replayed: res.headers.get('idempotency-replayed'), text, body: text ? JSON.parse(text) : undefined };
  }

  const count = async (name: string, sql: string, params: unknown[] = []) =>
    Number((await query<{ n: string }>(node(name).database, sql, params))[0].n);

  function caseBody() {
    return walkInComplaint(
      { incident: { violenceTypes: ['physical'], place: 'household', perpetratorRelation: 'spouse' } },
      { ageYears: 31, idNumber: testNik('female') },
    );
  }

  async function registerCase() {
    const res = await call('intake', 'POST', '/cases', caseBody());
    expect(res.status).toBe(201);
    return res.body as { id: string; victims: Array<{ id: string }> };
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'idem',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'shelter'],
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
    const staff = await signInStaff(network, [
      { username: 'worker-a', role: 'case-worker' },
      { username: 'worker-b', role: 'case-worker' },
    ]);
    for (const [key, account] of staff) {
      tokens.set(key, account.token);
      staffIds.set(key, account.id);
    }
  });

  afterAll(async () => {
    await network?.stop();
    if (logs.some((l) => l.includes('did not stop within'))) console.warn(logs.slice(-40).join('\n'));
    await removeSevenNodes(network);
  });

  it('the same referral posted twice with one key is one referral at the shelter, and the same answer', async () => {
    const registered = await registerCase();
    const referral = { victimId: registered.victims[0].id, service: 'shelter', agencyId: node('shelter').agency };
    const key = randomUUID();
    const first = await call('intake', 'POST', `/cases/${registered.id}/referrals`, referral, { key });
    expect(first.status).toBe(201);
    expect(first.replayed).toBeNull();
    // The same body in another key order is the same request.
    const reordered = { agencyId: referral.agencyId, service: referral.service, victimId: referral.victimId };
    const second = await call('intake', 'POST', `/cases/${registered.id}/referrals`, reordered, { key });
    expect(second.status).toBe(201);
    expect(second.replayed).toBe('true');
    expect(second.text).toBe(first.text);

    await waitFor(
      'referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${first.body.id}`)).status === 200 || undefined,
    );
    await new Promise((r) => setTimeout(r, 1500)); // a second referral, had there been one, would be on its way by now
    expect(await count('intake', 'SELECT count(*) AS n FROM referral WHERE case_id = $1', [registered.id])).toBe(1);
    expect(await count('shelter', 'SELECT count(*) AS n FROM incoming_referral WHERE case_id = $1', [registered.id])).toBe(1);
    // The replay showed the record again, so it is in the access record like the first answer.
    expect(
      await count(
        'intake',
        `SELECT count(*) AS n FROM access_record WHERE resource_id = $1 AND route LIKE 'POST %/referrals' AND outcome = 'allowed'`,
        [registered.id],
      ),
    ).toBe(2);
  });

  it('replays the answer after the node was killed and started again, still with one effect', async () => {
    const registered = await registerCase();
    const referral = { victimId: registered.victims[0].id, service: 'shelter', agencyId: node('shelter').agency };
    const key = randomUUID();
    const first = await call('intake', 'POST', `/cases/${registered.id}/referrals`, referral, { key });
    expect(first.status).toBe(201);

    await network.stopNode('intake', 'SIGKILL');
    await network.startNode('intake');
    const again = await call('intake', 'POST', `/cases/${registered.id}/referrals`, referral, { key });
    expect(again.status).toBe(201);
    expect(again.replayed).toBe('true');
    expect(again.text).toBe(first.text);

    await waitFor(
      'referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${first.body.id}`)).status === 200 || undefined,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count('intake', 'SELECT count(*) AS n FROM referral WHERE case_id = $1', [registered.id])).toBe(1);
    expect(await count('shelter', 'SELECT count(*) AS n FROM incoming_referral WHERE case_id = $1', [registered.id])).toBe(1);
  });

  it('the same key with another body is a 422 and has no effect', async () => {
    const registered = await registerCase();
    const key = randomUUID();
    const body = { victimId: registered.victims[0].id, service: 'shelter', agencyId: node('shelter').agency };
    expect((await call('intake', 'POST', `/cases/${registered.id}/referrals`, body, { key })).status).toBe(201);
    const other = await call('intake', 'POST', `/cases/${registered.id}/referrals`, { ...body, requestNotes: 'another' }, { key });
    expect(other.status).toBe(422);
    expect(other.body.message).toMatch(/Idempotency-Key .* different request/);
    // The key on another route is another request too.
    expect((await call('intake', 'POST', '/cases', caseBody(), { key })).status).toBe(422);
    expect(await count('intake', 'SELECT count(*) AS n FROM referral WHERE case_id = $1', [registered.id])).toBe(1);
  });

  it('concurrent posts of one case with one key register it once', async () => {
    const body = caseBody();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('intake', 'POST', '/cases', body, { key })));
    const created = answers.filter((a) => a.status === 201);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.status === 201 && a.replayed === null)).toHaveLength(1);
    const name = body.victims[0].name;
    const again = await call('intake', 'POST', '/cases', body, { key });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(created[0].body.id);
    expect(
      await count('intake', `SELECT count(*) AS n FROM case_file WHERE id = ANY($1::uuid[])`, [
        answers.map((a) => a.body?.id).filter(Boolean),
      ]),
    ).toBe(1);
    expect(name).toBeTruthy();
  });

  it('a refused request does not use up its key; keys belong to one account; no key, no replay', async () => {
    const key = randomUUID();
    const body = caseBody();
    const refused = await call('intake', 'POST', '/cases', { ...body, riskLevel: 'urgent' }, { key });
    expect(refused.status).toBe(400);
    const created = await call('intake', 'POST', '/cases', body, { key });
    expect(created.status).toBe(201);
    expect(created.replayed).toBeNull();

    // Another case worker's same key is her own: her request is her own effect.
    const hers = await call('intake', 'POST', '/cases', caseBody(), { key, as: 'worker-b' });
    expect(hers.status).toBe(201);
    expect(hers.replayed).toBeNull();
    expect(hers.body.id).not.toBe(created.body.id);

    // Without the header nothing changes for existing clients.
    const plain = caseBody();
    const a = await call('intake', 'POST', '/cases', plain);
    const b = await call('intake', 'POST', '/cases', plain);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);

    expect((await call('intake', 'POST', '/cases', body, { key: 'zwei schlüssel' })).status).toBe(400);
  });

  it('a claim left by a node that died mid-request: taken over if nothing committed, else 409, never a second effect', async () => {
    const body = caseBody();
    const account = `local|${staffIds.get('intake/worker-a')}`;
    const fingerprint = requestFingerprint({ method: 'POST', path: '/cases', account, body });
    const plant = (key: string, claimedUntil: string, committed: boolean) =>
      query(
        node('intake').database,
        `INSERT INTO http_idempotency (account, key, fingerprint, claim_token, state, claimed_until, committed_at)
         VALUES ($1, $2, $3, gen_random_uuid(), 'in-progress', now() + $4::interval, CASE WHEN $5 THEN now() END)`,
        [account, key, fingerprint, claimedUntil, committed],
      );

    const running = randomUUID();
    await plant(running, '1 minute', false);
    const busy = await call('intake', 'POST', '/cases', body, { key: running });
    expect(busy.status).toBe(409);
    expect(busy.body.message).toMatch(/still being processed/);

    const diedBeforeCommit = randomUUID();
    await plant(diedBeforeCommit, '-1 second', false);
    const takenOver = await call('intake', 'POST', '/cases', body, { key: diedBeforeCommit });
    expect(takenOver.status).toBe(201);
    expect((await call('intake', 'POST', '/cases', body, { key: diedBeforeCommit })).replayed).toBe('true');

    const diedAfterCommit = randomUUID();
    await plant(diedAfterCommit, '-1 second', true);
    const lost = await call('intake', 'POST', '/cases', body, { key: diedAfterCommit });
    expect(lost.status).toBe(409);
    expect(lost.body.message).toMatch(/took effect/);
  });

  it('works on a service node too: accepting a referral twice with one key answers the same', async () => {
    const registered = await registerCase();
    const referred = await call('intake', 'POST', `/cases/${registered.id}/referrals`, {
      victimId: registered.victims[0].id,
      service: 'shelter',
      agencyId: node('shelter').agency,
    });
    expect(referred.status).toBe(201);
    const id = referred.body.id as string;
    await waitFor('referral at the shelter', async () => (await call('shelter', 'GET', `/referrals/${id}`)).status === 200 || undefined);
    const key = randomUUID();
    const first = await call('shelter', 'POST', `/referrals/${id}/accept`, undefined, { key });
    expect(first.status).toBe(200);
    await network.stopNode('shelter', 'SIGKILL');
    await network.startNode('shelter');
    const again = await call('shelter', 'POST', `/referrals/${id}/accept`, undefined, { key });
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect(again.text).toBe(first.text);
    // Without the key, repeating it is refused as the state change it would be.
    expect((await call('shelter', 'POST', `/referrals/${id}/accept`)).status).not.toBe(200);
  });
});
