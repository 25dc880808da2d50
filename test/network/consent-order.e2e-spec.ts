import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { consumerNames } from '@rujukan/messaging';
import type { Network } from '../../scripts/network/start-network.js';
import { query } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { SHARED_NATS } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

/** Node names in the default registry (one node per role). */
const INTAKE = 'intake';
const REPORTING = 'reporting';
const CASES = 15; // two victims each
const ROUNDS = 8; // consent changes per victim, alternating withdrawn / given

/**
 * Issue 12, item 3, with the production ack wait (30 s), the one test here
 * that takes the real timing: reporting killed three times while a backlog
 * of alternating consent changes drains. Each killed instance leaves messages
 * it had pulled but not acknowledged; the bus hands them back 30 s later,
 * after later changes of the same victims. Applied by intake's per-victim
 * sequence, the late ones change nothing.
 */
describe('reporting restarted during a backlog of consent changes, with the production ack wait', () => {
  let network: Network;
  let token = '';
  const victims: string[] = [];

  async function post(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${network.nodes.get(INTAKE)!.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    if (res.status !== 200 && res.status !== 201) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    if (path === '/cases') for (const v of ((await res.json()) as { victims: Array<{ id: string }> }).victims) victims.push(v.id);
  }

  /** Round r changes every victim that still has changes: odd rounds withdraw, even rounds give again. */
  async function round(r: number): Promise<void> {
    await Promise.all(
      victims
        .filter((_, i) => r <= ROUNDS - (i % 2)) // half end withdrawn, half consenting
        .map((id) =>
          r % 2 === 1
            ? post(`/victims/${id}/consents/withdraw`, { purpose: 'statistics' })
            : post(`/victims/${id}/consents`, { purpose: 'statistics', givenAs: 'verbal' }),
        ),
    );
  }

  const reportingDb = () => network.nodes.get(REPORTING)!.database;
  const applied = async () => Number((await query<{ n: string }>(reportingDb(), 'SELECT count(*) n FROM messaging_inbox'))[0].n);

  /** Starts reporting and kills it (SIGKILL, no drain) once it is part-way through its backlog. */
  async function startAndKillMidway(): Promise<void> {
    const before = await applied().catch(() => 0);
    const starting = network.startNode(REPORTING).catch(() => undefined); // it dies before or after it is healthy
    await waitFor('reporting applying its backlog', async () => (await applied()) >= before + 5, 60000, 20);
    await network.stopNode(REPORTING, 'SIGKILL');
    await starting;
  }

  beforeAll(async () => {
    network = await startSevenNodes({
      label: 'consent_order',
      statisticsKey: randomBytes(32).toString('hex'),
      roles: ['intake', 'reporting'],
      ackWaitMs: 30000,
    });
    const staff = await signInStaff(network, [{ username: 'worker', role: 'case-worker' }], [{ username: 'analyst', role: 'analyst' }]);
    token = staff.get(`${INTAKE}/worker`)!.token;
  });

  afterAll(async () => {
    await removeSevenNodes(network);
  });

  it('ends with reporting’s consenting victims equal to intake’s, every late redelivery ignored', async () => {
    for (let c = 0; c < CASES; c++) {
      const victim = (n: number, birthDate: string) => ({
        name: `Korban ${c}-${n}`,
        sex: 'female',
        birthDate,
        district: 'Kota Tanjungpinang',
        idNumber: testNik('female', birthDate),
        consent: { services: true, statistics: true },
      });
      await post('/cases', {
        channel: 'walk-in',
        kind: 'violence-against-women',
        riskLevel: 'low',
        district: 'Kota Tanjungpinang',
        incident: { violenceTypes: ['physical'], place: 'household' },
        victims: [victim(0, `19${70 + (c % 25)}-0${1 + (c % 9)}-1${c % 10}`), victim(1, `19${50 + (c % 20)}-1${c % 3}-2${c % 8}`)],
      });
    }
    const total = victims.length;
    await waitFor(
      'every victim at reporting',
      async () => Number((await query<{ n: string }>(reportingDb(), 'SELECT count(*) n FROM victim_fact'))[0].n) === total,
      60000,
    );

    // A backlog builds while reporting is down, and grows between its restarts.
    await network.stopNode(REPORTING);
    for (let r = 1; r <= 3; r++) await round(r);
    for (let kill = 0; kill < 3; kill++) {
      await startAndKillMidway();
      await round(4 + kill);
    }
    await network.startNode(REPORTING);
    for (let r = 7; r <= ROUNDS; r++) await round(r);

    // Drained: nothing waits and nothing is pulled but unacknowledged (the killed instances' messages came back and were applied).
    const nc = await connect({ servers: SHARED_NATS });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await waitFor(
        'the broadcast consumer drained and acknowledged',
        async () => {
          const i = await jsm.consumers.info(
            network.registry.network.stream,
            consumerNames(network.nodes.get(REPORTING)!.agency).broadcast,
          );
          return i.num_pending === 0 && i.num_ack_pending === 0 ? i : undefined;
        },
        150000,
        500,
      );
      // The kills did leave messages to redeliver: more deliveries than messages applied (a message is a batch of events).
      const messagesApplied = Number(
        (
          await query<{ n: string }>(reportingDb(), 'SELECT count(DISTINCT stream_seq) n FROM messaging_inbox WHERE stream_seq IS NOT NULL')
        )[0].n,
      );
      expect(info.delivered.consumer_seq).toBeGreaterThan(messagesApplied);
    } finally {
      await nc.close();
    }

    const atIntake = await query<{ id: string; consented: boolean }>(
      network.nodes.get(INTAKE)!.database,
      'SELECT statistics_id::text AS id, consent_statistics AS consented FROM victim ORDER BY 1',
    );
    const atReporting = await query<{ id: string; consented: boolean }>(
      reportingDb(),
      'SELECT victim_id::text AS id, consented FROM victim_fact ORDER BY 1',
    );
    expect(atIntake.filter((v) => v.consented)).toHaveLength(total / 2);
    expect(atReporting).toEqual(atIntake);
  });
});
