import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Network } from '../../scripts/network/start-network.js';
import { PrivateNats } from '../support/private-nats.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

type Listed = { id: string; reachable: boolean; district: string | null; capacity: { places: number; free: number } | null };

/**
 * A case worker chooses a shelter and refers to it while the bus is down:
 * intake answers from its own copy of the directory, the referral waits in
 * the outbox, and both catch up when the bus returns. A private nats-server,
 * so the shared one is never stopped.
 */
describe('the directory while the bus is down', () => {
  let nats: PrivateNats;
  let network: Network;
  const tokens = new Map<string, string>();

  async function call(node: string, method: string, path: string, as: string, body?: unknown) {
    const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${node}/${as}`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  const shelter = async () => ((await call('intake', 'GET', '/agencies?service=shelter', 'worker')).body as Listed[])[0];

  beforeAll(async () => {
    nats = await PrivateNats.start();
    network = await startSevenNodes({
      label: 'busdown',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'shelter'],
      natsUrl: nats.url,
      env: { DIRECTORY_HEARTBEAT_MS: '500', DIRECTORY_STALE_MS: '2500' },
    });
    const staff = await signInStaff(network, [
      { username: 'worker', role: 'case-worker' },
      { username: 'supervisor', role: 'supervisor' },
    ]);
    for (const [key, account] of staff) tokens.set(key, account.token);
    const facility = (
      await call('shelter', 'POST', '/facilities', 'supervisor', { name: 'Rumah Aman', kind: 'safe-house', district: 'Kota Tanjungpinang' })
    ).body;
    await call('shelter', 'POST', `/facilities/${facility.id}/rooms`, 'supervisor', {
      name: 'Dewasa',
      sex: 'female',
      ageGroup: 'adult',
      beds: 3,
    });
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    await nats?.destroy();
  });

  it('lists the shelter from intake’s own copy and accepts a referral to it, then delivers when the bus returns', async () => {
    await waitFor('the shelter with its places', async () => (await shelter())?.capacity?.free === 3);
    await nats.stop();

    // The bus is down: the list still comes, from intake's database; the shelter soon shows as not reachable.
    const listed = await shelter();
    expect(listed).toMatchObject({ district: 'Kota Tanjungpinang', capacity: { places: 3, free: 3 } });
    await waitFor('unreachable while the bus is down', async () => (await shelter()).reachable === false, 10000);
    const registered = await call('intake', 'POST', '/cases', 'worker', {
      channel: 'walk-in',
      kind: 'violence-against-women',
      riskLevel: 'medium',
      district: 'Kota Tanjungpinang',
      incident: { violenceTypes: ['physical'], place: 'household' },
      victims: [
        { name: 'Korban', sex: 'female', ageYears: 30, district: 'Kota Tanjungpinang', consent: { services: true, statistics: true } },
      ],
    });
    expect(registered.status).toBe(201);
    const referral = await call('intake', 'POST', `/cases/${registered.body.id}/referrals`, 'worker', {
      victimId: registered.body.victims[0].id,
      service: 'shelter',
      agencyId: listed.id,
    });
    expect(referral.status).toBe(201);

    await nats.start();
    await waitFor(
      'the referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${referral.body.id}`, 'supervisor')).status === 200,
      30000,
    );
    await waitFor('reachable again', async () => (await shelter()).reachable === true, 30000);
  });
});
