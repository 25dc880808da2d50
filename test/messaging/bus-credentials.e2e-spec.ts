import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { headers, type NatsConnection } from '@nats-io/nats-core';
import { connect, credsAuthenticator } from '@nats-io/transport-node';
import { buildSubject, inboxFilter } from '@rujukan/contracts';
import {
  agencyInboxPrefix,
  BusConnection,
  messagingConfigFromEnv,
  addressedStream,
  consumerNames,
  directoryBucket,
  loadRegistry,
  provisionBus,
  publishRegistryToBus,
  readRegistryFromBus,
  rebuildConsumerName,
  registryBucket,
  revokeAgency,
  writeBusCredentials,
  type BusRegistry,
  type CredentialsOptions,
} from '@rujukan/messaging';
import { freeFixedPort } from '../support/ports.js';
import { PrivateNats } from '../support/private-nats.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The secured bus (`npm run bus -- credentials`): a real nats-server started
 * with the generated configuration. Each agency may do its own part and
 * nothing more; a revoked agency is dropped while the others keep working.
 */
describe('the bus with per-agency credentials', () => {
  const out = mkdtempSync(join(tmpdir(), 'rujukan-bus-creds-'));
  const run = `creds${Date.now().toString(36)}`;
  const registry: BusRegistry = loadRegistry('bus/agencies.json');
  registry.network.prefix = run;
  registry.network.stream = run.toUpperCase();
  const P = registry.network.prefix;
  const S = registry.network.stream;
  const INTAKE = 'uptd-ppa-tanjungpinang';
  const SHELTER = 'rumah-aman-tanjungpinang';
  const POLICE = 'unit-ppa-polresta-tanjungpinang';
  // The police's addressed stream: where its inbox sits, none of the shelter's business.
  const PS = addressedStream(S, POLICE);
  const REPORTING = 'gugus-tugas-kepri';
  let options: CredentialsOptions;
  let nats: PrivateNats;
  const open: NatsConnection[] = [];

  const connectAs = async (who: string, extra: { noCreds?: boolean; noCa?: boolean; creds?: Uint8Array } = {}) => {
    const creds = extra.creds ?? (extra.noCreds ? undefined : readFileSync(join(out, `${who}.creds`)));
    const nc = await connect({
      servers: `127.0.0.1:${nats.port}`,
      ...(creds ? { authenticator: credsAuthenticator(creds) } : {}),
      ...(extra.noCa ? {} : { tls: { caFile: join(out, 'tls', 'ca.pem') } }),
      inboxPrefix: who === 'bus-admin' ? undefined : agencyInboxPrefix(who),
      timeout: 15000, // a refusal must come from the server, not from a slow TLS handshake on a loaded machine
      maxReconnectAttempts: 0,
    });
    open.push(nc);
    return nc;
  };

  /** The refusal must be the server's permission violation for this subject, not any failure. */
  const refused = async (action: () => Promise<unknown>, subject: string) => {
    const err = await action().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err).toBeDefined();
    const cause = (err as { cause?: Error } | undefined)?.cause;
    const text = `${err?.message} ${cause?.message ?? ''}`;
    expect(text).toMatch(/Permissions Violation/);
    expect(text).toContain(subject);
  };

  const referral = (from: string, to: string) => buildSubject(P, { area: 'referral', event: 'requested', version: 1, from, to });

  beforeAll(async () => {
    const port = await freeFixedPort();
    options = { out, port, monitorPort: await freeFixedPort(), hosts: ['127.0.0.1', 'localhost'] };
    await writeBusCredentials(registry, options);
    nats = await PrivateNats.start({ config: join(out, 'nats-server.conf'), port });
    const admin = await connectAs('bus-admin');
    await provisionBus(await jetstreamManager(admin), registry);
  });

  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    await nats?.destroy();
    rmSync(out, { recursive: true, force: true });
  });

  it('writes a runnable server configuration, creds for every agency and the bus team, with monitoring on loopback only', () => {
    const conf = readFileSync(join(out, 'nats-server.conf'), 'utf8');
    expect(conf).toMatch(/^http: "127\.0\.0\.1:\d+"$/m);
    expect(conf).toMatch(/^resolver: MEMORY$/m);
    expect(conf).toMatch(/^tls: \{ cert_file: /m);
    for (const a of registry.agencies) expect(readFileSync(join(out, `${a.id}.creds`), 'utf8')).toContain('BEGIN NATS USER JWT');
    expect(existsSync(join(out, 'bus-admin.creds'))).toBe(true);
  });

  it('refuses a client without credentials, and one that does not trust the network CA', async () => {
    await expect(connectAs(SHELTER, { noCreds: true })).rejects.toThrow(/Authorization Violation/i);
    await expect(connectAs(SHELTER, { noCa: true })).rejects.toThrow(/certificate|self.signed|verify/i);
  });

  it('a node without credentials stops with a message saying what it needs; with its creds and the CA it connects', async () => {
    const env = {
      NATS_URL: `nats://127.0.0.1:${nats.port}`,
      AGENCY_ID: SHELTER,
      NODE_ROLE: 'shelter',
      NATS_CA: join(out, 'tls', 'ca.pem'),
    };
    const bare = new BusConnection(messagingConfigFromEnv(env));
    await expect(bare.connection()).rejects.toThrow(
      /set NATS_CREDS to the creds file the bus team issued to agency rumah-aman-tanjungpinang/,
    );
    await bare.onApplicationShutdown();
    const node = new BusConnection(messagingConfigFromEnv({ ...env, NATS_CREDS: join(out, `${SHELTER}.creds`) }));
    const nc = await node.connection();
    expect(nc.info?.tls_required).toBe(true);
    await node.onApplicationShutdown();
  });

  it("refuses every step outside the shelter's own part, naming the subject", async () => {
    const nc = await connectAs(SHELTER);
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const police = consumerNames(POLICE).inbox;

    // Subscribing to the network's subjects at large.
    const wide = nc.subscribe(`${P}.>`);
    await refused(async () => {
      const err = await wide.closed;
      if (err) throw err;
    }, `${P}.>`);

    // Consumers on the police's subjects (its own stream), or broader than its own.
    await refused(
      () => jsm.consumers.add(PS, { durable_name: 'peek', filter_subject: inboxFilter(P, POLICE), ack_policy: AckPolicy.Explicit }),
      `$JS.API.CONSUMER.CREATE.${PS}.peek`,
    );
    await refused(
      () => jsm.consumers.add(S, { durable_name: 'peek2', filter_subject: `${P}.>`, ack_policy: AckPolicy.Explicit }),
      `$JS.API.CONSUMER.CREATE.${S}.peek2`,
    );
    // The police's inbox: its info, a fetch, an ack.
    await refused(() => js.consumers.get(PS, police), `$JS.API.CONSUMER.INFO.${PS}.${police}`);
    await refused(() => nc.request(`$JS.API.CONSUMER.MSG.NEXT.${PS}.${police}`, '1', { timeout: 2000 }), `MSG.NEXT.${PS}.${police}`);
    await refused(() => nc.request(`$JS.ACK.${PS}.${police}.1.1.1.1.0`, '+ACK', { timeout: 2000 }), `$JS.ACK.${PS}.${police}`);
    // A stream message by sequence.
    await refused(() => jsm.streams.getMessage(PS, { seq: 1 }), `$JS.API.STREAM.MSG.GET.${PS}`);
    await refused(() => nc.request(`$JS.API.DIRECT.GET.${S}`, JSON.stringify({ seq: 1 }), { timeout: 2000 }), `$JS.API.DIRECT.GET.${S}`);
    // Publishing as the police or as intake.
    await refused(
      () => js.publish(buildSubject(P, { area: 'referral', event: 'accepted', version: 1, from: POLICE, to: INTAKE }), '{}'),
      POLICE,
    );
    await refused(() => js.publish(referral(INTAKE, SHELTER), '{}'), `${P}.referral.requested.v1.${INTAKE}`);
    // Another agency's directory card.
    const kv = await new Kvm(js).open(directoryBucket(S));
    await refused(() => kv.put(POLICE, '{"id":"spoofed"}'), `$KV.${directoryBucket(S)}.${POLICE}`);
    // The police's stream and its consumer.
    await refused(() => jsm.streams.delete(PS), `$JS.API.STREAM.DELETE.${PS}`);
    await refused(() => jsm.streams.purge(PS), `$JS.API.STREAM.PURGE.${PS}`);
    await refused(() => jsm.consumers.delete(PS, police), `$JS.API.CONSUMER.DELETE.${PS}.${police}`);
  });

  it('lets each agency do its own part: intake refers, the shelter reads and acks its inbox, answers, and renews its card; reporting rebuilds', async () => {
    const intake = await connectAs(INTAKE);
    await jetstream(intake).publish(referral(INTAKE, SHELTER), '{"n":1}', { msgID: `${run}-1` });

    const shelter = await connectAs(SHELTER);
    const js = jetstream(shelter);
    const consumer = await js.consumers.get(addressedStream(S, SHELTER), consumerNames(SHELTER).inbox);
    const m = await consumer.next({ expires: 5000 });
    expect(m?.subject).toBe(referral(INTAKE, SHELTER));
    expect(await m!.ackAck()).toBe(true);
    await js.publish(buildSubject(P, { area: 'referral', event: 'accepted', version: 1, from: SHELTER, to: INTAKE }), '{}');
    const kv = await new Kvm(js).open(directoryBucket(S));
    await kv.put(SHELTER, '{"id":"rumah-aman-tanjungpinang"}');

    // Intake follows the directory through the consumer the bus team made for it, and may create none itself
    // (a consumer's deliver subject is not checked against its rights).
    const kvStream = `KV_${directoryBucket(S)}`;
    const cards = await jetstream(intake).consumers.get(kvStream, consumerNames(INTAKE).directory);
    const card = await cards.next({ expires: 5000 });
    expect(card?.subject).toBe(`$KV.${directoryBucket(S)}.${SHELTER}`);
    card!.ack();
    const ijsm = await jetstreamManager(intake, { checkAPI: false });
    await refused(
      () =>
        ijsm.consumers.add(kvStream, {
          name: 'spy',
          deliver_subject: referral(INTAKE, POLICE),
          filter_subject: `$KV.${directoryBucket(S)}.>`,
        }),
      `$JS.API.CONSUMER.CREATE.${kvStream}`,
    );
    // A roll-up header on its own card would purge every other card: the bucket refuses it.
    const rollup = headers();
    rollup.set('Nats-Rollup', 'all');
    await expect(jetstream(intake).publish(`$KV.${directoryBucket(S)}.${INTAKE}`, '{}', { headers: rollup })).rejects.toThrow(/roll-?up/i);
    const directory = await new Kvm(jetstream(await connectAs('bus-admin'))).open(directoryBucket(S));
    expect((await directory.get(SHELTER))?.string()).toBe('{"id":"rumah-aman-tanjungpinang"}');

    // Reporting's rebuild: one consumer of a fixed name over the broadcasts; no other.
    const reporting = await connectAs(REPORTING);
    const rjsm = await jetstreamManager(reporting, { checkAPI: false });
    const name = rebuildConsumerName(REPORTING);
    await rjsm.consumers.add(S, { durable_name: name, filter_subject: `${P}.*.*.*.*.all`, ack_policy: AckPolicy.Explicit });
    expect((await rjsm.consumers.info(S, name)).config.filter_subject).toBe(`${P}.*.*.*.*.all`);
    await rjsm.consumers.delete(S, name);
    await refused(
      () => rjsm.consumers.add(S, { durable_name: 'other', filter_subject: `${P}.*.*.*.*.all`, ack_policy: AckPolicy.Explicit }),
      `$JS.API.CONSUMER.CREATE.${S}.other`,
    );
  });

  it("every agency reads the registry's copy on the bus, which only the bus team may write", async () => {
    const admin = await connectAs('bus-admin');
    const revision = await publishRegistryToBus(admin, S, '{"registry":"signed by the PPA office"}');
    expect(revision).toBeGreaterThan(0);
    for (const who of [SHELTER, POLICE, REPORTING]) {
      expect(await readRegistryFromBus(await connectAs(who), S)).toBe('{"registry":"signed by the PPA office"}');
    }
    const shelter = await connectAs(SHELTER);
    await refused(() => publishRegistryToBus(shelter, S, '{"registry":"forged"}'), `$KV.${registryBucket(S)}.signed`);
    expect(await readRegistryFromBus(shelter, S)).toBe('{"registry":"signed by the PPA office"}');
  });

  it('an agency may not send more than its payload limit, which the server announces to it', async () => {
    const shelter = await connectAs(SHELTER);
    expect(shelter.info?.max_payload).toBe(256 * 1024);
    expect(() =>
      shelter.publish(
        buildSubject(P, { area: 'referral', event: 'accepted', version: 1, from: SHELTER, to: INTAKE }),
        new Uint8Array(300 * 1024),
      ),
    ).toThrow(/max_payload/);
  });

  it('a revoked agency is dropped and refused, the others keep working, and re-running credentials does not bring it back', async () => {
    const kept = readFileSync(join(out, `${SHELTER}.creds`));
    const shelter = await connectAs(SHELTER);
    const closed = shelter.closed();
    await revokeAgency(registry, options, SHELTER);
    nats.reload();
    await expect(closed).resolves.toBeDefined();
    // The server's refusal, not a connect that timed out or lost its TLS handshake (2 s) on a loaded machine
    // (then it is asked again, at most 4 times).
    const refusal = async (): Promise<Error> => {
      for (let attempt = 1; ; attempt++) {
        const err = await connectAs(SHELTER, { creds: kept }).then(
          () => new Error('the revoked agency connected'),
          (e: unknown) => e as Error,
        );
        if (!/^timeout$|before secure TLS connection was established/i.test(err.message) || attempt === 4) return err;
      }
    };
    expect((await refusal()).message).toMatch(/Authorization Violation/i);

    // The old creds file is gone; a copy kept by the agency no longer works.
    expect(existsSync(join(out, `${SHELTER}.creds`))).toBe(false);

    const intake = await connectAs(INTAKE);
    await jetstream(intake).publish(referral(INTAKE, POLICE), '{"n":3}', { msgID: `${run}-3` });
    const police = await connectAs(POLICE);
    const consumer = await jetstream(police).consumers.get(addressedStream(S, POLICE), consumerNames(POLICE).inbox);
    const seen: string[] = [];
    await waitFor('the referral to the police', async () => {
      const m = await consumer.next({ expires: 1000 });
      if (m) {
        seen.push(new TextDecoder().decode(m.data));
        await m.ackAck();
      }
      return seen.includes('{"n":3}');
    });

    const again = await writeBusCredentials(registry, options);
    expect(again.revoked).toContain(SHELTER);
    expect(again.issued).not.toContain(SHELTER);
    expect(existsSync(join(out, `${SHELTER}.creds`))).toBe(false);
  });
});
