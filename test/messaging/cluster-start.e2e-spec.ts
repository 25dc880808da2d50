import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamReady, JetStreamNotReadyError } from '@rujukan/messaging';
import { freeFixedPort } from '../support/ports.js';
import { PrivateNats } from '../support/private-nats.js';
import { testRegistry } from '../support/test-network.js';

/**
 * A cluster that has not elected its JetStream meta leader answers no JetStream
 * request: a provisioning run's first request timed out on a fresh three-server
 * cluster. Here the cluster is kept without a leader (one of its three servers
 * up, no quorum) for as long as the test needs.
 */
describe('a JetStream cluster that is still electing its meta leader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-cluster-'));
  const servers: PrivateNats[] = [];
  let urls: string[] = [];
  let nc: NatsConnection;
  const registry = testRegistry([{ id: 'uptd-ppa-a', node: 'intake', name: 'UPTD PPA A' }]);
  // One replica: a leader elected by two servers places it while the third still starts (an R3 stream needs
  // all three in the meta group, which the chaos run's bus waits for on each server's /healthz).
  registry.network.replicas = 1;
  const registryFile = join(dir, 'agencies.json');
  writeFileSync(registryFile, JSON.stringify(registry));

  beforeAll(async () => {
    const clusterName = `ready-${registry.network.stream}`;
    const ports = [await freeFixedPort(), await freeFixedPort(), await freeFixedPort()];
    const routes = [await freeFixedPort(), await freeFixedPort(), await freeFixedPort()];
    for (let i = 0; i < 3; i++) {
      const config = join(dir, `server-${i + 1}.conf`);
      writeFileSync(
        config,
        [
          `server_name: ready-${i + 1}`,
          `jetstream: { store_dir: "${join(dir, `store-${i + 1}`)}", max_file_store: 1G }`,
          `cluster { name: ${clusterName}, listen: "127.0.0.1:${routes[i]}", routes: [ ${routes.map((p) => `"nats-route://127.0.0.1:${p}"`).join(', ')} ] }`,
          '',
        ].join('\n'),
      );
      servers.push(await PrivateNats.create({ config, port: ports[i] }));
    }
    urls = ports.map((p) => `nats://127.0.0.1:${p}`);
    // One server of three: it accepts connections, but there is no quorum to elect a meta leader.
    await servers[0].start();
    nc = await connect({ servers: urls[0] });
  });

  afterAll(async () => {
    await nc?.close();
    for (const s of servers) await s.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a single JetStream request fails (what provisioning did)', async () => {
    await expect(jetstreamManager(nc, { timeout: 2000 })).rejects.toThrow();
  });

  it('waiting gives up at its deadline and says why', async () => {
    const waited = jetstreamReady(nc, { timeoutMs: 3000, requestTimeoutMs: 1000 });
    await expect(waited).rejects.toBeInstanceOf(JetStreamNotReadyError);
    await expect(waited).rejects.toThrow(/did not answer within 3000 ms: .*meta leader/);
  });

  it("the bus team's provisioning waits until the meta leader is elected, then makes the stream", async () => {
    const child = spawn(process.execPath, ['dist/scripts/bus.js', 'provision', '--registry', registryFile], {
      env: { ...process.env, NATS_URL: urls.join(',') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const waiting = new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes("waiting for the bus's JetStream")) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Its first request went unanswered (or was told "unavailable"), as on a fresh cluster; the rest comes up while it waits.
      await Promise.race([waiting, exited]);
      expect(stderr).toMatch(/waiting for the bus's JetStream \(up to 60 s\): .*meta leader/);
      await servers[1].start();
      await servers[2].start();
      // With its stderr, so a failure says why.
      expect({ code: await exited, stderr }).toMatchObject({ code: 0 });
    } finally {
      child.kill();
    }
    expect(stdout).toContain(`stream ${registry.network.stream}: created`);
    expect(stdout).toContain('consumer uptd-ppa-a-inbox: created');
    const info = await (await jetstreamReady(nc)).streams.info(registry.network.stream);
    expect(info.cluster?.leader).toMatch(/^ready-[123]$/);
  });

  it('a bus without JetStream is refused at once, not waited for', async () => {
    const config = join(dir, 'no-jetstream.conf');
    writeFileSync(config, '# a server without JetStream\n');
    const plain = await PrivateNats.start({ config });
    const other = await connect({ servers: plain.url });
    try {
      await expect(jetstreamReady(other, { timeoutMs: 60_000 })).rejects.toThrow(/JetStream is not enabled on the bus/);
    } finally {
      await other.close();
      await plain.destroy();
    }
  });
});
