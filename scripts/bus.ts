/**
 * The provincial bus team's command (docs/bus.md).
 *   npm run bus -- credentials --out DIR [--hosts bus.example.go.id,10.0.0.5] [--port 4222] [--monitor-port 8222] [--store-dir /data]
 *   npm run bus -- revoke <agency-id> --out DIR       (then: nats-server --signal reload)
 *   npm run bus -- provision [--registry bus/agencies.json]
 *   npm run bus -- status    [--registry bus/agencies.json]   (per agency: state, consumer lag, card, its node's counts)
 *   npm run bus -- publish-registry FILE [--key PPA-OFFICE.pub.pem]   (the PPA office's signed registry, for every node)
 *   npm run bus -- reset-consumer <consumer> --from-seq N [--accept-gap]   (a node restored from backup: docs/reliability.md)
 *   npm run bus -- migrate-streams   (once: a bus laid out before per-agency streams; docs/messaging.md "Streams")
 * NATS_URL picks the server; NATS_CREDS (the bus team's creds file) and NATS_CA
 * (the network's CA) secure the connection, or NATS_USER and NATS_PASSWORD on
 * an unsecured test bus. BUS_PREFIX and BUS_STREAM override the registry's.
 */
import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator } from '@nats-io/transport-node';
import {
  busStatus,
  jetstreamReady,
  loadRegistry,
  migrateStreams,
  provisionBus,
  publishRegistryToBus,
  registryProblems,
  resetConsumer,
  revokeAgency,
  verifySignedRegistry,
  writeBusCredentials,
} from '@rujukan/messaging';
import type { AgencyStatus } from '@rujukan/messaging';

async function main(argv: string[]): Promise<number> {
  const [verb] = argv;
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (!['provision', 'status', 'credentials', 'revoke', 'publish-registry', 'reset-consumer', 'migrate-streams'].includes(verb ?? '')) {
    console.error(
      'usage: npm run bus -- credentials --out DIR | revoke <agency-id> --out DIR | provision | status | publish-registry FILE [--key PUB.pem] | reset-consumer <consumer> --from-seq N [--accept-gap] | migrate-streams [--registry path]',
    );
    return 2;
  }
  const registry = loadRegistry(flag('registry') ?? process.env.BUS_REGISTRY ?? 'bus/agencies.json');
  if (process.env.BUS_PREFIX) registry.network.prefix = process.env.BUS_PREFIX;
  if (process.env.BUS_STREAM) registry.network.stream = process.env.BUS_STREAM;
  if (process.env.BUS_ACK_WAIT_MS) registry.consumers.ackWaitMs = Number(process.env.BUS_ACK_WAIT_MS);
  const problems = registryProblems(registry);
  if (problems.length) throw new Error(problems.join('; '));

  if (verb === 'credentials' || verb === 'revoke') {
    const out = flag('out');
    if (!out) throw new Error(`${verb} needs --out DIR: the bus team's folder for keys, creds and the server's configuration`);
    const options = {
      out,
      hosts: flag('hosts')
        ?.split(',')
        .map((h) => h.trim()),
      port: flag('port') ? Number(flag('port')) : undefined,
      monitorPort: flag('monitor-port') ? Number(flag('monitor-port')) : undefined,
      storeDir: flag('store-dir'),
    };
    if (verb === 'revoke') {
      const agency = argv[1];
      if (!agency || agency.startsWith('--')) throw new Error('usage: npm run bus -- revoke <agency-id> --out DIR');
      await revokeAgency(registry, options, agency);
      console.log(`revoked ${agency}; now reload the server: nats-server --signal reload (or send it SIGHUP)`);
      return 0;
    }
    const report = await writeBusCredentials(registry, options);
    console.log(`server configuration: ${report.config} (run: nats-server -c ${report.config})`);
    console.log(
      `creds for ${report.issued.length} agencies and the bus team in ${out}; give each agency its own <agency-id>.creds and tls/ca.pem`,
    );
    if (report.revoked.length) console.log(`revoked, not re-issued: ${report.revoked.join(', ')}`);
    return 0;
  }

  const servers = (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',');
  const creds = process.env.NATS_CREDS?.trim();
  const ca = process.env.NATS_CA?.trim();
  const nc = await connect({
    servers,
    ...(creds
      ? { authenticator: credsAuthenticator(readFileSync(creds)) }
      : { user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD }),
    ...(ca ? { tls: { caFile: ca } } : {}),
    timeout: 5000,
  });
  try {
    // A cluster started a moment ago answers JetStream only once it has elected its meta leader.
    const jsm = await jetstreamReady(nc, { onWaiting: (why) => console.error(`waiting for the bus's JetStream (up to 60 s): ${why}`) });
    if (verb === 'publish-registry') {
      const file = argv[1];
      if (!file || file.startsWith('--')) throw new Error('usage: npm run bus -- publish-registry FILE [--key PPA-OFFICE.pub.pem]');
      const text = readFileSync(file, 'utf8');
      // Nodes verify it themselves; checking here too catches a wrong file before it is published.
      const key = flag('key');
      const version = key ? verifySignedRegistry(text, readFileSync(key, 'utf8'), file).version : undefined;
      const revision = await publishRegistryToBus(nc, registry.network.stream, text);
      console.log(
        `published ${file}${version ? ` (version ${version}, signature verified)` : ''} as revision ${revision}; nodes take it within REGISTRY_POLL_MS`,
      );
    } else if (verb === 'reset-consumer') {
      const name = argv[1];
      if (!name || name.startsWith('--') || !flag('from-seq'))
        throw new Error('usage: npm run bus -- reset-consumer <consumer> --from-seq N');
      const reset = await resetConsumer(jsm, registry, name, Number(flag('from-seq')), { acceptGap: argv.includes('--accept-gap') });
      console.log(`consumer ${reset.name}: made anew on ${reset.stream}, delivering from stream sequence ${reset.fromSeq}`);
    } else if (verb === 'provision') {
      const report = await provisionBus(jsm, registry);
      for (const s of report.streams) console.log(`stream ${s.name}: ${s.action} (subjects ${s.subjects.join(', ')})`);
      for (const c of report.consumers) console.log(`consumer ${c.name}: ${c.action} on ${c.stream} (filter ${c.filter})`);
    } else if (verb === 'migrate-streams') {
      const report = await migrateStreams(jsm, registry, { log: (line) => console.log(line) });
      console.log(
        report.narrowed || report.moved.length
          ? `migrated: ${report.moved.reduce((n, m) => n + m.copied, 0)} undelivered event(s) moved to the agencies' streams; take a new backup of every node`
          : 'already laid out in per-agency streams: nothing to move',
      );
    } else {
      const staleMs = Number(process.env.DIRECTORY_STALE_MS ?? 90_000);
      const status = await busStatus(jsm, registry, { staleMs });
      for (const s of status.streams)
        console.log(`stream ${s.name}: ${s.missing ? 'MISSING (run provision)' : `${s.messages} messages, ${s.bytes} bytes`}`);
      for (const line of statusLines(status.agencies, new Date())) console.log(line);
    }
  } finally {
    await nc.close();
  }
  return 0;
}

/** Per agency: one line with its state and card, one per consumer, one with what its node reports (counts only). */
function statusLines(agencies: AgencyStatus[], now: Date): string[] {
  const ago = (at: Date) => `${Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000))} s ago`;
  const lines: string[] = [];
  for (const a of agencies) {
    const card = a.card ? `card last seen ${a.card.seenAt.toISOString()} (${ago(a.card.seenAt)})` : 'no card on the directory';
    const state = {
      up: 'up',
      stopped: `STOPPED at ${a.card?.stoppedAt}`,
      silent: 'SILENT (no card within the stale window)',
      'never-seen': 'NEVER SEEN',
    }[a.state];
    lines.push(`agency ${a.agency} (${a.node}): ${state}; ${card}`);
    for (const c of a.consumers) {
      lines.push(
        c.missing
          ? `  consumer ${c.consumer}: MISSING (run provision)`
          : `  consumer ${c.consumer}: ${c.pending} pending, ${c.unacked} unacknowledged, ${c.redelivered} redelivered`,
      );
    }
    if (a.report) {
      const letters = Object.entries(a.report.deadLetters);
      lines.push(
        `  node reports (${ago(a.report.storedAt)}): outbox ${a.report.outboxBacklog} waiting (oldest ${a.report.outboxOldestSeconds} s), ` +
          `${a.report.receiptsWaiting} receipts waiting, dead letters ${letters.length ? letters.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}`,
      );
    } else {
      lines.push('  node reports: none yet');
    }
  }
  return lines;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
