import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRegistry } from '@rujukan/messaging';
import { ensureSecureBus, type Service } from '../../scripts/network/services.js';
import type { Network } from '../../scripts/network/start-network.js';
import { walkInComplaint } from '../support/complaint.js';
import { PG_PORT } from '../support/database.js';
import { testNik } from '../support/nik.js';
import { freeFixedPort } from '../support/ports.js';
import { PrivateNats } from '../support/private-nats.js';
import { removeSevenNodes, signInStaff, startSevenNodes } from '../support/seven-nodes.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait-for.js';

const run = promisify(execFile);

/**
 * What an agency's IT officer and the bus team see, on intake and a shelter
 * (each its own process) over a private bus that the test stops: readiness
 * follows the shelter's database, intake's metrics show its outbox fill
 * while the bus is down and drain after, `bus status` names the stopped
 * shelter, and no log line (request lines included) holds the victim.
 */
describe('what operators see: readiness, metrics, logs and the bus status', () => {
  const logs: string[] = [];
  const tokens = new Map<string, string>();
  const tag = randomBytes(4).toString('hex');
  const birthDate = '1994-03-12';
  const victim = {
    name: `Siti Rahmawati ${tag}`,
    idNumber: testNik('female', birthDate),
    birthDate,
    address: `Jalan Merdeka ${tag} No. 7`,
    safetyNotes: `Suami menunggu di depan rumah ${tag}`,
  };
  const reporter = { relation: 'neighbour', anonymous: false, name: `Pelapor ${tag}`, phone: `0812${randomInt(10000000, 99999999)}` };
  const narrative = `Dipukul suami di dapur ${tag}`;
  const secrets = [victim.name, victim.idNumber, victim.address, victim.safetyNotes, reporter.name, reporter.phone, narrative];
  let nats: PrivateNats;
  let network: Network;
  let proxy: TcpProxy;
  let caseId: string;
  let victimId: string;

  const url = (node: string) => network.nodes.get(node)!.url;
  const agency = (node: string) => network.nodes.get(node)?.agency ?? network.registry.agencies.find((a) => a.node === node)!.id;

  async function call(node: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${url(node)}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(`${node}/worker`)}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  }

  async function ready(node: string) {
    const res = await fetch(`${url(node)}/health/ready`);
    return { status: res.status, body: (await res.json()) as { status: string; details: Record<string, { status: string }> } };
  }

  /** One sample of a metric without labels (or with exactly these), as the node serves it now. */
  async function metric(node: string, name: string, labels = ''): Promise<number | undefined> {
    const text = await (await fetch(`${url(node)}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  beforeAll(async () => {
    nats = await PrivateNats.start();
    network = await startSevenNodes({
      label: 'ops',
      statisticsKey: randomBytes(32).toString('hex'),
      natsUrl: nats.url,
      roles: ['intake'],
      env: { LOG_LEVEL: 'debug', DIRECTORY_HEARTBEAT_MS: '500' },
      onLine: (name, line) => logs.push(line.startsWith('{') ? line : `${name} ${line}`),
    });
    // The shelter reaches its database through a proxy the test can cut.
    proxy = await TcpProxy.start(PG_PORT);
    await network.ensureDatabase('shelter');
    network.options.databasePorts = { shelter: proxy.port };
    await network.startNode('shelter');
    for (const [key, account] of await signInStaff(network, [{ username: 'worker', role: 'case-worker' }])) tokens.set(key, account.token);
  });

  afterAll(async () => {
    await proxy?.up();
    await removeSevenNodes(network);
    await proxy?.down();
    await nats?.destroy();
  });

  it('is ready with its four checks up, unready naming the database while it is cut, and ready again when it returns', async () => {
    const up = await waitFor('shelter ready', async () => ((await ready('shelter')).status === 200 ? ready('shelter') : undefined));
    expect(up.body.status).toBe('ok');
    expect(Object.fromEntries(Object.entries(up.body.details).map(([k, v]) => [k, v.status]))).toEqual({
      database: 'up',
      bus: 'up',
      consumers: 'up',
      outbox: 'up',
    });

    await proxy.down();
    const down = await waitFor('shelter unready', async () => {
      const r = await ready('shelter');
      return r.status === 503 ? r : undefined;
    });
    expect(down.body.details.database.status).toBe('down');
    expect(down.body.details.bus.status).toBe('up');
    expect((await fetch(`${url('shelter')}/health/live`)).status).toBe(200);

    await proxy.up();
    await waitFor('shelter ready again', async () => (await ready('shelter')).status === 200, 30000);
  });

  it('shows the outbox backlog grow while the bus is down and drain after', async () => {
    await waitFor('intake’s outbox empty', async () => (await metric('intake', 'rujukan_outbox_backlog')) === 0);
    expect(await metric('intake', 'rujukan_bus_connected')).toBe(1);

    await nats.stop();
    await waitFor('intake sees the bus gone', async () => (await metric('intake', 'rujukan_bus_connected')) === 0);
    const before = (await metric('intake', 'rujukan_outbox_backlog'))!;
    const registered = await call(
      'intake',
      'POST',
      '/cases',
      walkInComplaint({ incident: { violenceTypes: ['physical'], place: 'household', narrative }, reporter }, victim),
    );
    expect(registered.status).toBe(201);
    caseId = registered.body!.id as string;
    victimId = (registered.body!.victims as Array<{ id: string }>)[0].id;
    const afterCase = (await metric('intake', 'rujukan_outbox_backlog'))!;
    expect(afterCase).toBeGreaterThan(before);
    const referred = await call('intake', 'POST', `/cases/${caseId}/referrals`, {
      victimId,
      service: 'shelter',
      agencyId: agency('shelter'),
    });
    expect(referred.status).toBe(201);
    expect(await metric('intake', 'rujukan_outbox_backlog')).toBeGreaterThan(afterCase);
    expect((await ready('intake')).body.details.bus.status).toBe('down');
    // The plan view read three tables at once on one connection (pg's "already executing a query").
    expect((await call('intake', 'GET', `/cases/${caseId}/plan`)).status).toBe(200);

    await nats.start();
    await waitFor('intake’s outbox drained', async () => (await metric('intake', 'rujukan_outbox_backlog')) === 0, 60000);
    await waitFor('the referral applied at the shelter', async () => {
      const applied = await metric(
        'shelter',
        'rujukan_event_handling_seconds_count',
        '{pattern="referral.requested.v1",outcome="applied"}',
      );
      return applied === 1;
    });
    await waitFor('the receipt back at intake', async () => (await metric('intake', 'rujukan_receipts_waiting')) === 0, 30000);
    expect(await metric('intake', 'rujukan_http_request_seconds_count', '{method="POST",route="/cases",status="201"}')).toBe(1);
    expect(await metric('intake', 'rujukan_dead_letters_open', '{kind="rejected"}')).toBe(0);
  });

  it('bus status names the agency whose node was stopped, with each agency’s lag and its node’s report', async () => {
    const status = async () =>
      (
        await run(process.execPath, ['dist/scripts/bus.js', 'status'], {
          env: {
            ...process.env,
            NATS_URL: nats.url,
            BUS_PREFIX: network.registry.network.prefix,
            BUS_STREAM: network.registry.network.stream,
            DIRECTORY_STALE_MS: '5000',
          },
        })
      ).stdout;
    await waitFor('both nodes reporting', async () => {
      const out = await status();
      return out.includes(`agency ${agency('shelter')} (shelter): up`) && out.includes(`agency ${agency('intake')} (intake): up`);
    });
    await network.stopNode('shelter');
    const out = await waitFor('the shelter shown stopped', async () => {
      const text = await status();
      return new RegExp(`agency ${agency('shelter')} \\(shelter\\): (STOPPED|SILENT)`).test(text) ? text : undefined;
    });
    expect(out).toMatch(new RegExp(`agency ${agency('intake')} \\(intake\\): up; card last seen`));
    expect(out).toMatch(new RegExp(`consumer ${agency('shelter')}-inbox: \\d+ pending`));
    expect(out).toMatch(/node reports \(\d+ s ago\): outbox \d+ waiting \(oldest \d+ s\), \d+ receipts waiting, dead letters none/);
    expect(out).toMatch(new RegExp(`agency ${agency('health')} \\(health\\): NEVER SEEN`));
  });

  it('logs one line per request, and no log line holds anything identifying the victim or the reporter', () => {
    const entries = logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.find((e) => e.route === '/cases' && e.method === 'POST')).toMatchObject({
      node: 'intake',
      agency: agency('intake'),
      status: 201,
      corr: expect.any(String),
    });
    expect(requests.find((e) => e.route === '/cases/:id/plan')).toMatchObject({ status: 200 });
    expect(logs.length).toBeGreaterThan(50);
    const text = logs.join('\n');
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
    expect(text).not.toContain(tag);
    expect(logs.filter((l) => l.includes('already executing a query'))).toEqual([]);
    // Every line the nodes wrote is one JSON object, with no colour codes.
    expect(logs.filter((l) => !l.startsWith('{'))).toEqual([]);
  });
});

/**
 * On a secured bus (per-agency credentials, TLS) a node may put its report
 * under its own key, which is all `bus status` needs from it.
 */
describe('node reports on the secured bus', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rujukan-ops-secured-'));
  const id = `ops${randomBytes(3).toString('hex')}`;
  const secured = { busPrefix: `test-${id}`, busStream: `TEST_${id}` };
  const logs: string[] = [];
  let bus: (Service & { credentialsDir: string }) | undefined;
  let network: Network;

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
      label: 'opssec',
      statisticsKey: randomBytes(32).toString('hex'),
      natsUrl: bus.url,
      secured: { ...secured, credentialsDir: bus.credentialsDir },
      roles: ['shelter'],
      // Only the agency's monitoring range may scrape: not loopback, where the test runs.
      env: { DIRECTORY_HEARTBEAT_MS: '500', METRICS_ALLOW: '10.20.0.0/16' },
      onLine: (name, line) => logs.push(`${name} ${line}`),
    });
  });

  it('refuses the metrics to an address METRICS_ALLOW does not name, without asking for a staff token', async () => {
    const res = await fetch(`${network.nodes.get('shelter')!.url}/metrics`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('rujukan_');
  });

  afterAll(async () => {
    await removeSevenNodes(network);
    await bus?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the shelter’s report reaches bus status with its own credentials, and the bus refuses it nothing', async () => {
    const shelter = network.nodes.get('shelter')!.agency;
    const out = await waitFor('the shelter’s report', async () => {
      const { stdout } = await status(bus!);
      const at = stdout.indexOf(`agency ${shelter} (shelter): up`);
      return at >= 0 && /node reports \(\d+ s ago\)/.test(stdout.slice(at).split('\nagency ')[0]) ? stdout : undefined;
    });
    expect(out).toContain(`consumer ${shelter}-inbox: 0 pending`);
    expect(logs.filter((l) => /permission|authorization|cannot put this node's report/i.test(l))).toEqual([]);
  });

  const status = (b: Service & { credentialsDir: string }) =>
    run(process.execPath, ['dist/scripts/bus.js', 'status'], {
      env: {
        ...process.env,
        NATS_URL: b.url,
        NATS_CREDS: join(b.credentialsDir, 'bus-admin.creds'),
        NATS_CA: join(b.credentialsDir, 'tls', 'ca.pem'),
        BUS_PREFIX: secured.busPrefix,
        BUS_STREAM: secured.busStream,
      },
    });
});
