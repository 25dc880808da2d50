import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRegistry } from '@rujukan/messaging';
import type { NodeRole } from '../../scripts/network/nodes.js';
import { ensureSecureBus, type Service } from '../../scripts/network/services.js';
import type { Network } from '../../scripts/network/start-network.js';
import { testNik } from '../support/nik.js';
import { freeFixedPort } from '../support/ports.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';
import { walkInComplaint } from '../support/complaint.js';

/**
 * The seven nodes on the bus `npm start` runs by default: its own nats-server
 * with per-agency credentials and TLS. Each node does its own part with its
 * own rights: a referral goes to the shelter, is accepted, is counted, and
 * reporting rebuilds its tables through the one consumer it may create.
 */
describe('the network on the secured bus', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rujukan-secured-'));
  const run = `sec${randomBytes(3).toString('hex')}`;
  const secured = { busPrefix: `test-${run}`, busStream: `TEST_${run}` };
  let bus: (Service & { credentialsDir: string }) | undefined;
  let network: Network;
  const tokens = new Map<string, string>();
  const logs: string[] = [];

  const call = async (role: NodeRole, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${network.nodes.get(role)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(role)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  beforeAll(async () => {
    const registry = loadRegistry('bus/agencies.json');
    registry.network.prefix = secured.busPrefix;
    registry.network.stream = secured.busStream;
    bus = await ensureSecureBus(
      { LOCAL_SECURE_NATS_PORT: String(await freeFixedPort()), LOCAL_SECURE_NATS_MONITOR_PORT: String(await freeFixedPort()) },
      dataDir,
      registry,
    );
    network = await startSevenNodes({
      label: 'secured',
      statisticsKey: randomBytes(32).toString('hex'),
      natsUrl: bus.url,
      secured: { ...secured, credentialsDir: bus.credentialsDir },
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
    const staff = await signInStaff(network, [{ username: 'worker', role: 'case-worker' }], [{ username: 'analyst', role: 'analyst' }]);
    for (const [key, account] of staff) tokens.set(key.split('/')[0], account.token);
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    await bus?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every node connects with its own credentials over TLS', () => {
    expect(bus!.url).toMatch(/^tls:\/\//);
    for (const name of network.nodes.keys()) {
      const env = network.environment(name);
      expect(env.NATS_CREDS).toBe(join(bus!.credentialsDir, `${env.AGENCY_ID}.creds`));
      expect(env.NATS_CA).toBe(join(bus!.credentialsDir, 'tls', 'ca.pem'));
    }
  });

  it('a referral reaches the shelter, is accepted, is counted, and reporting rebuilds with its own rights', async () => {
    const registered = await call(
      'intake',
      'POST',
      '/cases',
      walkInComplaint(
        { incident: { violenceTypes: ['physical'], place: 'household', perpetratorRelation: 'spouse', narrative: 'Beaten at home' } },
        { ageYears: 29, idNumber: testNik('female') },
      ),
    );
    expect(registered.status).toBe(201);
    const referred = await call('intake', 'POST', `/cases/${registered.body.id}/referrals`, {
      victimId: registered.body.victims[0].id,
      service: 'shelter',
      agencyId: network.nodes.get('shelter')!.agency,
    });
    expect(referred.status).toBe(201);
    await waitFor(
      'the referral at the shelter',
      async () => (await call('shelter', 'GET', `/referrals/${referred.body.id}`)).status === 200,
    );
    expect((await call('shelter', 'POST', `/referrals/${referred.body.id}/accept`)).status).toBe(200);
    await waitFor(
      'intake sees it accepted',
      async () => (await call('intake', 'GET', `/cases/${registered.body.id}`)).body.referrals[0].state === 'accepted',
    );
    const counted = await waitFor('reporting counts the case and the accepted referral', async () => {
      const cases = (await call('reporting', 'GET', '/statistics/cases')).body;
      const referrals = (await call('reporting', 'GET', '/statistics/referrals')).body;
      return cases.cases === 1 && referrals.byServiceAndStatus.shelter?.accepted === 1 ? { cases, referrals } : undefined;
    });

    await network.stopNode('reporting');
    const out = await network.command('reporting', ['projections', 'rebuild']);
    expect(out.stdout + out.stderr).toMatch(/from the stream: [1-9]\d* events applied, 0 dead-lettered/);
    await network.startNode('reporting');
    expect((await call('reporting', 'GET', '/statistics/cases')).body).toEqual(counted.cases);
    // Nothing a node does needs more than its own rights.
    expect(logs.filter((l) => /permission|authorization/i.test(l))).toEqual([]);
  });
});
