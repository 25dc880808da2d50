import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addressedStream, loadRegistry } from '@rujukan/messaging';
import { ensureSecureBus, type Service } from '../../scripts/network/services.js';
import type { Network } from '../../scripts/network/start-network.js';
import { walkInComplaint } from '../support/complaint.js';
import { query } from '../support/database.js';
import { freeFixedPort } from '../support/ports.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);

/**
 * A shelter node restored from a backup taken while referrals were still
 * arriving (docs/reliability.md): its consumer is reset to where the backup
 * stood, and it catches up with every referral, none applied twice. Receipts
 * are slow here (10 min), so no re-send by intake can hide a lost event.
 */
describe('a node restored from a backup taken mid-run', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rujukan-restore-'));
  const backupDir = join(dataDir, 'backup');
  const id = `rst${randomBytes(3).toString('hex')}`;
  const secured = { busPrefix: `test-${id}`, busStream: `TEST_${id}` };
  let bus: (Service & { credentialsDir: string }) | undefined;
  let network: Network;
  const tokens = new Map<string, string>();

  const call = async (node: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${network.nodes.get(node)!.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(node)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const refer = async () => {
    const registered = await call('intake', 'POST', '/cases', walkInComplaint());
    expect(registered.status).toBe(201);
    const referred = await call('intake', 'POST', `/cases/${registered.body.id}/referrals`, {
      victimId: registered.body.victims[0].id,
      service: 'shelter',
      agencyId: network.nodes.get('shelter')!.agency,
    });
    expect(referred.status).toBe(201);
    return referred.body.id as string;
  };
  const shelterDb = () => network.nodes.get('shelter')!.database;
  const count = async (db: string, sql: string) => Number((await query<{ n: string }>(db, sql))[0].n);
  const script = (name: string, args: string[], env: Record<string, string>) =>
    run(process.execPath, [resolve('dist/scripts', name), ...args], { env: { ...process.env, ...env } });

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
      label: 'restore',
      statisticsKey: randomBytes(32).toString('hex'),
      natsUrl: bus.url,
      secured: { ...secured, credentialsDir: bus.credentialsDir },
      roles: ['intake', 'shelter'],
      env: { RECEIPT_TIMEOUT_MS: '600000' },
    });
    const staff = await signInStaff(network, [{ username: 'worker', role: 'case-worker' }]);
    for (const [key, account] of staff) if (key.endsWith('/worker')) tokens.set(key.split('/')[0], account.token);
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    await bus?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('catches up on everything after the backup, with nothing lost and nothing applied twice', async () => {
    // Before the backup: five referrals, two of them accepted by the shelter.
    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.push(await refer());
    await waitFor(
      'the first five at the shelter',
      async () => (await count(shelterDb(), 'SELECT count(*) n FROM incoming_referral')) === 5,
    );
    for (const r of before.slice(0, 2)) expect((await call('shelter', 'POST', `/referrals/${r}/accept`)).status).toBe(200);
    await waitFor('intake sees both accepted', async () => {
      const rows = await query<{ n: string }>(
        network.nodes.get('intake')!.database,
        `SELECT count(*) n FROM referral WHERE state = 'accepted'`,
      );
      return Number(rows[0].n) === 2;
    });

    // The backup is taken while five more are on their way; five more follow it.
    const during = [await refer(), await refer()];
    const backup = await script('backup.js', ['create', '--out', backupDir], network.environment('shelter'));
    expect(backup.stdout).toMatch(
      new RegExp(
        `acknowledged up to sequence \\d+ of stream ${addressedStream(network.registry.network.stream, network.nodes.get('shelter')!.agency)} before the dump`,
      ),
    );
    for (let i = 0; i < 3; i++) during.push(await refer());
    const after: string[] = [];
    for (let i = 0; i < 5; i++) after.push(await refer());
    const all = [...before, ...during, ...after];
    await waitFor('all fifteen at the shelter', async () => (await count(shelterDb(), 'SELECT count(*) n FROM incoming_referral')) === 15);
    const intakeDb = network.nodes.get('intake')!.database;
    await waitFor(
      'every receipt back at intake',
      async () => (await count(intakeDb, 'SELECT count(*) n FROM messaging_outbox WHERE requires_receipt AND receipt_at IS NULL')) === 0,
    );

    // The shelter loses its database; it comes back from the backup.
    await network.stopNode('shelter');
    const restored = await script('backup.js', ['restore', '--from', backupDir], network.environment('shelter'));
    const resets = [...restored.stdout.matchAll(/reset-consumer (\S+) --from-seq (\d+)/g)];
    expect(resets.length).toBe(1);
    const behind = await count(shelterDb(), 'SELECT count(*) n FROM incoming_referral');
    expect(behind).toBeLessThan(15); // the backup lacks what came after it
    expect(behind).toBeGreaterThanOrEqual(5);
    // The restored inbox knows where it stood: each applied event's stream sequence.
    const lastApplied = Number((await query<{ s: string }>(shelterDb(), 'SELECT max(stream_seq) s FROM messaging_inbox'))[0].s);
    expect(lastApplied).toBeGreaterThan(0);
    expect(restored.stdout).toContain(`inbox last applied: ${lastApplied}`);
    const busTeam = {
      NATS_URL: bus!.url,
      NATS_CREDS: join(bus!.credentialsDir, 'bus-admin.creds'),
      NATS_CA: join(bus!.credentialsDir, 'tls', 'ca.pem'),
      BUS_PREFIX: secured.busPrefix,
      BUS_STREAM: secured.busStream,
      BUS_ACK_WAIT_MS: '2000',
    };
    const reset = await script('bus.js', ['reset-consumer', resets[0][1], '--from-seq', resets[0][2]], busTeam);
    expect(reset.stdout).toMatch(/made anew on \S+_TO_\S+, delivering from stream sequence/);
    await network.startNode('shelter');

    await waitFor(
      'the shelter caught up',
      async () => (await count(shelterDb(), 'SELECT count(*) n FROM incoming_referral')) === 15,
      60000,
    );
    const states = await query<{ referral_id: string; state: string }>(shelterDb(), 'SELECT referral_id, state FROM incoming_referral');
    expect(states.map((s) => s.referral_id).sort()).toEqual([...all].sort());
    // What the shelter did before the backup stands; nothing was answered twice.
    expect(
      states
        .filter((s) => s.state === 'accepted')
        .map((s) => s.referral_id)
        .sort(),
    ).toEqual(before.slice(0, 2).sort());
    expect(await count(shelterDb(), `SELECT count(*) n FROM messaging_outbox WHERE pattern LIKE 'referral.accepted%'`)).toBe(2);
    // Each event applied once: one inbox row per event intake sent the shelter, and no row for an event nobody sent.
    const sent = await query<{ event_id: string }>(
      intakeDb,
      `SELECT event_id FROM messaging_outbox WHERE recipient = $1 AND requires_receipt`,
      [network.nodes.get('shelter')!.agency],
    );
    const applied = await query<{ event_id: string }>(shelterDb(), `SELECT event_id FROM messaging_inbox WHERE from_agency = $1`, [
      network.nodes.get('intake')!.agency,
    ]);
    expect(applied.map((a) => a.event_id).sort()).toEqual(sent.map((s) => s.event_id).sort());
    // Intake and the shelter agree on every referral.
    const atIntake = await query<{ id: string; state: string }>(intakeDb, 'SELECT id, state FROM referral');
    expect(new Map(atIntake.map((r) => [r.id, r.state]))).toEqual(new Map(states.map((s) => [s.referral_id, s.state])));
  });
});
