/**
 * The provincial bus team's command.
 *   npm run bus -- provision [--registry bus/agencies.json]
 *   npm run bus -- status    [--registry bus/agencies.json]
 * NATS_URL, NATS_USER, NATS_PASSWORD pick the server; BUS_PREFIX and
 * BUS_STREAM override the registry's (tests and parallel networks use them).
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { busStatus, loadRegistry, provisionBus, registryProblems } from '@rujukan/messaging';

async function main(argv: string[]): Promise<number> {
  const [verb] = argv;
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (verb !== 'provision' && verb !== 'status') {
    console.error('usage: npm run bus -- provision|status [--registry path]');
    return 2;
  }
  const registry = loadRegistry(flag('registry') ?? process.env.BUS_REGISTRY ?? 'bus/agencies.json');
  if (process.env.BUS_PREFIX) registry.network.prefix = process.env.BUS_PREFIX;
  if (process.env.BUS_STREAM) registry.network.stream = process.env.BUS_STREAM;
  if (process.env.BUS_ACK_WAIT_MS) registry.consumers.ackWaitMs = Number(process.env.BUS_ACK_WAIT_MS);
  const problems = registryProblems(registry);
  if (problems.length) throw new Error(problems.join('; '));

  const servers = (process.env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',');
  const nc = await connect({ servers, user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD, timeout: 5000 });
  try {
    const jsm = await jetstreamManager(nc);
    if (verb === 'provision') {
      const report = await provisionBus(jsm, registry);
      console.log(`stream ${report.stream.name}: ${report.stream.action} (subjects ${registry.network.prefix}.>)`);
      for (const c of report.consumers) console.log(`consumer ${c.name}: ${c.action} (filter ${c.filter})`);
    } else {
      const status = await busStatus(jsm, registry);
      console.log(`stream ${registry.network.stream}: ${status.messages} messages, ${status.bytes} bytes`);
      for (const c of status.consumers) {
        console.log(
          'missing' in c
            ? `consumer ${c.consumer}: MISSING (run provision)`
            : `consumer ${c.consumer}: ${c.pending} pending, ${c.unacked} unacknowledged, ${c.redelivered} redelivered`,
        );
      }
    }
  } finally {
    await nc.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
