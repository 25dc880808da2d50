/**
 * The project's figures on real nodes: intake, a shelter and reporting as
 * their own processes (as `npm start` runs them, sealed and signed), on the
 * machine's NATS and PostgreSQL under a prefix, stream and databases of this
 * run only, with the production waits (but broadcasts batched every second, not every hour).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { NodeRole } from '../network/nodes.js';
import { freeFixedPort } from '../network/ports.js';
import { Network } from '../network/start-network.js';
import { percentile } from './stats.js';

export interface CaseRef {
  caseId: string;
  victimId: string;
}

const ROLES: readonly NodeRole[] = ['intake', 'shelter', 'reporting'];
/** Requests in flight at once when a figure is a rate. */
const CLIENTS = 8;

export class BenchNetwork {
  private token = '';
  private password = '';
  private referred = 0;
  /** Ids of the referrals sent since `backlog` last took them. */
  private readonly lastReferrals: string[] = [];

  private constructor(
    readonly network: Network,
    private readonly databaseServerUrl: string,
  ) {}

  static async start(options: {
    natsUrl: string;
    databaseServerUrl: string;
    run: string;
    keysDir: string;
    /** Byte limit of the broadcasts' stream and of each agency's (reserved on the server's disk up front). */
    streamBytes: number;
    onLine?: (name: string, line: string) => void;
  }): Promise<BenchNetwork> {
    const ports: Record<string, number> = {};
    for (const role of ROLES) ports[role] = await freeFixedPort();
    const network = await Network.start({
      registryPath: 'bus/agencies.json',
      natsUrl: options.natsUrl,
      databaseServerUrl: options.databaseServerUrl,
      databasePrefix: `bench_${options.run}`,
      busPrefix: `bench-${options.run.replace(/_/g, '-')}`,
      busStream: `BENCH_${options.run}`,
      maxBytes: options.streamBytes,
      addressedMaxBytes: options.streamBytes,
      keysDir: options.keysDir,
      statisticsKey: randomBytes(32).toString('hex'),
      ports,
      roles: ROLES,
      // Production waits, but broadcasts leave every second (production: hourly batches), so reporting has them to rebuild.
      // REGISTER_LOOKUPS: one account drives every registration here, where a hotline has many people (the limit
      // is per person, 30 in 10 minutes, against probing the register, not a capacity limit).
      env: { LOG_LEVEL: 'warn', BROADCAST_INTERVAL_MS: '1000', REGISTER_LOOKUPS: '100000000' },
      onLine: options.onLine,
    });
    const bench = new BenchNetwork(network, options.databaseServerUrl);
    const [, worker] = await network.createStaff('intake', [{ username: 'worker', role: 'case-worker' }]);
    bench.password = worker.password;
    bench.token = await network.signIn('intake', worker.username, worker.password);
    return bench;
  }

  /** Registers `n` one-victim complaints, CLIENTS at a time: registrations per second and each one's milliseconds. */
  async register(n: number): Promise<{ rate: number; latencies: number[]; cases: CaseRef[] }> {
    const cases: CaseRef[] = [];
    const latencies: number[] = [];
    const t0 = performance.now();
    await this.inParallel(n, async () => {
      const started = performance.now();
      const res = await this.post('/cases', complaint());
      latencies.push(performance.now() - started);
      const body = res as { id: string; victims: Array<{ id: string }> };
      cases.push({ caseId: body.id, victimId: body.victims[0].id });
    });
    return { rate: (n / (performance.now() - t0)) * 1000, latencies, cases };
  }

  /** Refers each case's victim to the shelter, CLIENTS at a time: referrals per second until the shelter holds them all. */
  async referAll(cases: CaseRef[]): Promise<number> {
    const t0 = performance.now();
    let next = 0;
    await this.inParallel(cases.length, async () => {
      await this.refer(cases[next++]);
    });
    await this.untilShelterHolds(this.referred);
    return (cases.length / (performance.now() - t0)) * 1000;
  }

  /**
   * Referrals sent at `perSecond` (each case registered beforehand): for each,
   * milliseconds from the moment intake was asked until the shelter's row was written.
   */
  async latencyAt(perSecond: number, cases: CaseRef[]): Promise<{ p50: number; p95: number; p99: number; sent: number }> {
    const asked = new Map<string, number>();
    const t0 = Date.now();
    const sends: Array<Promise<void>> = [];
    for (let i = 0; i < cases.length; i++) {
      const due = t0 + (i * 1000) / perSecond;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = Date.now();
      sends.push(this.refer(cases[i]).then((id) => void asked.set(id, at)));
    }
    await Promise.all(sends);
    await this.untilShelterHolds(this.referred);
    const rows = await this.shelterQuery<{ referral_id: string; at: string }>(
      `SELECT referral_id, (extract(epoch FROM received_at) * 1000)::float8 AS at FROM incoming_referral WHERE referral_id = ANY($1::uuid[])`,
      [[...asked.keys()]],
    );
    const latencies = rows.map((r) => Number(r.at) - asked.get(r.referral_id)!);
    return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), sent: cases.length };
  }

  /** The shelter is stopped while `cases` are referred, then started: events per second from its first row to its last. */
  async backlog(cases: CaseRef[]): Promise<number> {
    await this.network.stopNode('shelter');
    this.lastReferrals.splice(0);
    let next = 0;
    await this.inParallel(cases.length, async () => {
      await this.refer(cases[next++]);
    });
    const ids = this.lastReferrals.splice(0);
    await this.network.startNode('shelter');
    await this.untilShelterHolds(this.referred);
    // From the first row the restarted shelter wrote to the last: the drain itself, not the node's boot.
    const [{ first, last }] = await this.shelterQuery<{ first: string; last: string }>(
      `SELECT (extract(epoch FROM min(received_at)) * 1000)::float8 AS first, (extract(epoch FROM max(received_at)) * 1000)::float8 AS last
         FROM incoming_referral WHERE referral_id = ANY($1::uuid[])`,
      [ids],
    );
    return ((ids.length - 1) / (Number(last) - Number(first))) * 1000;
  }

  /**
   * `projections rebuild` with reporting stopped: events per second over the rebuild itself, as the command times it
   * (the command's start, a few seconds of booting the node's modules, is left out: it does not grow with the stream).
   */
  async rebuild(): Promise<{ rate: number; events: number }> {
    await this.network.stopNode('reporting');
    try {
      const { stdout } = await this.network.command('reporting', ['projections', 'rebuild']);
      const events = Number(/(\d+) events applied/.exec(stdout)?.[1] ?? NaN);
      const seconds = Number(/in ([\d.]+) s/.exec(stdout)?.[1] ?? NaN);
      return { rate: events / seconds, events };
    } finally {
      await this.network.startNode('reporting');
    }
  }

  /** Imports a register of `rows` open cases (one named victim each) with intake's command: rows per second. */
  async importRegister(rows: number, dir: string): Promise<number> {
    const template = readFileSync('docs/import-register-template.csv', 'utf8').split('\n')[0];
    const lines = [template];
    const run = randomBytes(3).toString('hex');
    for (let i = 0; i < rows; i++) {
      const month = String(1 + (i % 12)).padStart(2, '0');
      lines.push(
        [
          `BENCH/${run}/${i}`,
          `2025-${month}-0${1 + (i % 9)}`,
          '',
          '',
          'walk-in',
          'violence-against-women',
          'medium',
          'Kota Tanjungpinang',
          'physical',
          'household',
          'spouse',
          'male',
          '40',
          `${pick(GIVEN)} ${madeUpName()} ${pick(FAMILY)}`,
          'female',
          '',
          String(18 + (i % 40)),
          'Kota Tanjungpinang',
          '',
          '',
          '',
          '',
          'yes',
        ].join(','),
      );
    }
    const file = join(dir, `register-${run}.csv`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const t0 = performance.now();
    await this.network.command('intake', ['import', 'cases', file]).catch((err: { stdout?: string; stderr?: string }) => {
      // The command prints problems as "line N, column: what", never a cell.
      throw new Error(`import cases failed: ${err.stdout ?? ''}${err.stderr ?? ''}`);
    });
    return (rows / (performance.now() - t0)) * 1000;
  }

  /** Resident memory of each node's process now, MiB. */
  residentMiB(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, node] of this.network.nodes) {
      const pid = node.process?.pid;
      if (!pid) continue;
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) out[name] = Number(kb) / 1024;
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.network.stop();
  }

  private async refer(c: CaseRef): Promise<string> {
    const body = (await this.post(`/cases/${c.caseId}/referrals`, {
      victimId: c.victimId,
      service: 'shelter',
      agencyId: this.network.nodes.get('shelter')!.agency,
    })) as { id: string };
    this.referred++;
    this.lastReferrals.push(body.id);
    return body.id;
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    for (;;) {
      const res = await fetch(`${this.network.nodes.get('intake')!.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify(body),
      });
      // The access token is short-lived: sign in again when it runs out during a long run.
      if (res.status === 401) {
        this.token = await this.network.signIn('intake', 'worker', this.password);
        continue;
      }
      if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    }
  }

  private async inParallel(n: number, task: () => Promise<void>): Promise<void> {
    let started = 0;
    await Promise.all(
      Array.from({ length: Math.min(CLIENTS, n) }, async () => {
        while (started < n) {
          started++;
          await task();
        }
      }),
    );
  }

  private async untilShelterHolds(n: number): Promise<void> {
    for (;;) {
      const [{ count }] = await this.shelterQuery<{ count: string }>('SELECT count(*) FROM incoming_referral');
      if (Number(count) >= n) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async shelterQuery<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: `${this.databaseServerUrl}/${this.network.nodes.get('shelter')!.database}` });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

const GIVEN = ['Siti', 'Nur', 'Dewi', 'Sri', 'Putri', 'Ayu', 'Rina', 'Wati', 'Lestari', 'Indah', 'Fitri', 'Yuni'];
const FAMILY = ['Rahmawati', 'Handayani', 'Susanti', 'Wulandari', 'Kusuma', 'Pratiwi', 'Safitri', 'Anggraini', 'Hasanah', 'Marlina'];
const pick = (list: string[]) => list[randomInt(list.length)];
const SYLLABLES = ['ra', 'ti', 'wa', 'ni', 'su', 'dar', 'mi', 'yan', 'to', 'sa', 'ri', 'lan', 'da', 'ha', 'ma', 'ka', 'na', 'li'];
/** A made-up name part of letters only (names are matched by their letters): 18^3 of them, as varied as a register's. */
const madeUpName = () => {
  const s = `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}`;
  return s[0].toUpperCase() + s.slice(1);
};

/** A walk-in complaint with one adult woman who consents to services and statistics, under a name rarely seen before. */
function complaint() {
  return {
    channel: 'walk-in',
    kind: 'violence-against-women',
    riskLevel: 'medium',
    district: 'Kota Tanjungpinang',
    incident: { violenceTypes: ['physical'], place: 'household' },
    victims: [
      {
        name: `${pick(GIVEN)} ${madeUpName()} ${pick(FAMILY)}`,
        sex: 'female',
        ageYears: 18 + randomInt(40),
        district: 'Kota Tanjungpinang',
        consent: { services: true, statistics: true },
      },
    ],
  };
}
