/**
 * Backup and restore of one node's database (docs/reliability.md), run with that node's environment
 * (DATABASE_URL, DATABASE_MIGRATION_URL, NATS_URL, NATS_CREDS, NATS_CA, BUS_STREAM, AGENCY_ID, NODE_ROLE, BUS_BROADCASTS):
 *   npm run backup -- create --out DIR     the node may keep running
 *   npm run backup -- restore --from DIR   the node stopped; then the bus team runs the printed reset-consumer commands
 * The node's key file is not in the backup: it is backed up apart (../shared/design.md, section 9).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, credsAuthenticator } from '@nats-io/transport-node';
import pg from 'pg';
import { agencyInboxPrefix, consumerPlaces, locateConsumer, messagingConfigFromEnv } from '@rujukan/messaging';

const run = promisify(execFile);

/** What a backup records beside the dump: where each consumer stood on the stream when the dump began. */
export interface BackupManifest {
  agency: string;
  stream: string;
  takenAt: string;
  /** Per consumer: every event at or below this sequence was applied and acknowledged before the dump's snapshot. */
  ackFloor: Record<string, number>;
  /** Per consumer: the stream its floor counts on (an agency's addressed stream, or the network's for broadcasts). */
  consumerStreams?: Record<string, string>;
}

function databaseUrl(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) throw new Error('DATABASE_URL must name the node database (run this with the node environment)');
  return url;
}

/** Who restores: the role that owns the tables (DATABASE_MIGRATION_URL) when the node's own role owns none. */
function ownerUrl(env: NodeJS.ProcessEnv): string {
  return env.DATABASE_MIGRATION_URL?.trim() || databaseUrl(env);
}

/** The consumers the node reads, and how far each has been acknowledged. */
async function ackFloors(
  env: NodeJS.ProcessEnv,
): Promise<{ agency: string; stream: string; floors: Record<string, number>; streams: Record<string, string> }> {
  const c = messagingConfigFromEnv(env);
  const nc = await connect({
    servers: c.servers,
    ...(c.credsFile ? { authenticator: credsAuthenticator(readFileSync(c.credsFile)) } : { user: c.user, pass: c.password }),
    ...(c.caFile ? { tls: { caFile: c.caFile } } : {}),
    // An agency's credentials allow replies only under its own inbox prefix (as the node connects).
    inboxPrefix: c.inboxPrefix ?? (c.credsFile ? agencyInboxPrefix(c.agency) : undefined),
    timeout: 5000,
  });
  try {
    const jsm = await jetstreamManager(nc);
    const floors: Record<string, number> = {};
    const streams: Record<string, string> = {};
    for (const place of consumerPlaces(c)) {
      const stream = await locateConsumer(jsm, place);
      if (!stream) throw new Error(`consumer ${place.name} is on none of the streams ${place.streams.join(', ')}: ask the bus team`);
      floors[place.name] = (await jsm.consumers.info(stream, place.name)).ack_floor.stream_seq;
      streams[place.name] = stream;
    }
    return { agency: c.agency, stream: c.stream, floors, streams };
  } finally {
    await nc.close();
  }
}

/** Reads the acknowledgement floors first, then dumps: whatever was acknowledged is in the dump. */
export async function createBackup(out: string, env: NodeJS.ProcessEnv = process.env): Promise<BackupManifest> {
  const dir = resolve(out);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { agency, stream, floors, streams } = await ackFloors(env);
  const takenAt = new Date().toISOString();
  // pg_dump reads one snapshot: the node's tables as they were at one instant, even while it runs. The node's
  // role reads every table (it owns none), so the dump needs no more than the node has.
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', join(dir, 'database.dump'), databaseUrl(env)]);
  const manifest: BackupManifest = { agency, stream, takenAt, ackFloor: floors, consumerStreams: streams };
  writeFileSync(join(dir, 'backup.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

export interface RestoreReport {
  manifest: BackupManifest;
  /** Per consumer: the highest stream sequence the restored inbox applied, and where the consumer must resume. */
  consumers: Array<{ consumer: string; stream?: string; lastApplied: number | null; resumeFrom: number }>;
}

/** Replaces the node's database by the backup; the node must be stopped. Says where each consumer resumes. */
export async function restoreBackup(from: string, env: NodeJS.ProcessEnv = process.env): Promise<RestoreReport> {
  const dir = resolve(from);
  const dump = join(dir, 'database.dump');
  if (!existsSync(dump)) throw new Error(`${dump} is missing: not a backup made by "npm run backup -- create"`);
  const manifest = JSON.parse(readFileSync(join(dir, 'backup.json'), 'utf8')) as BackupManifest;
  // Dropping and re-creating the tables takes their owner; the node's role may only read and write rows.
  const url = ownerUrl(env);
  await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--dbname', url, dump]);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (
      await client.query<{ consumer: string; seq: string }>(
        `SELECT consumer, max(stream_seq) seq FROM messaging_inbox WHERE stream_seq IS NOT NULL GROUP BY consumer`,
      )
    ).rows;
    const applied = new Map(rows.map((r) => [r.consumer, Number(r.seq)]));
    return {
      manifest,
      // From just above the floor: events in flight at the dump come again; those the inbox holds are no-ops.
      consumers: Object.entries(manifest.ackFloor).map(([consumer, floor]) => ({
        consumer,
        stream: manifest.consumerStreams?.[consumer],
        lastApplied: applied.get(consumer) ?? null,
        resumeFrom: floor + 1,
      })),
    };
  } finally {
    await client.end();
  }
}

async function main(argv: string[]): Promise<number> {
  const [verb] = argv;
  const flag = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (verb === 'create' && flag('out')) {
    const m = await createBackup(flag('out')!);
    console.log(`backup of ${m.agency} in ${resolve(flag('out')!)}: database.dump and backup.json`);
    for (const [c, f] of Object.entries(m.ackFloor)) {
      console.log(`consumer ${c}: acknowledged up to sequence ${f} of stream ${m.consumerStreams?.[c] ?? m.stream} before the dump`);
    }
    console.log('the node key file is not in it: back it up apart');
    return 0;
  }
  if (verb === 'restore' && flag('from')) {
    const r = await restoreBackup(flag('from')!);
    console.log(`restored ${r.manifest.agency} from the backup of ${r.manifest.takenAt}`);
    if (!r.manifest.consumerStreams) {
      console.log(
        'WARNING: this backup predates per-agency streams (npm run bus -- migrate-streams): its sequences count on the old stream; restore a backup taken after the migration',
      );
    }
    console.log('before starting the node, the bus team runs:');
    for (const c of r.consumers) {
      console.log(
        `  npm run bus -- reset-consumer ${c.consumer} --from-seq ${c.resumeFrom}    # of stream ${c.stream ?? r.manifest.stream}; inbox last applied: ${c.lastApplied ?? 'none'}`,
      );
    }
    return 0;
  }
  console.error('usage: npm run backup -- create --out DIR | restore --from DIR   (with the node environment)');
  return 2;
}

if (process.argv[1]?.endsWith('backup.js')) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
