import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { query } from './support/database.js';
import { SHARED_NATS } from './support/test-network.js';

const execFileAsync = promisify(execFile);

interface Figure {
  figure: string;
  value: { min: number; median: number; max: number; runs: number[] };
  limit?: { value: { median: number } };
}

/**
 * `npm run bench` keeps running (the README sends people to it): at a tiny
 * size, one round, it measures every limit and figure, writes its JSON and its
 * page where it is told, and leaves no stream and no database behind. What it
 * measured is not checked against any speed: that is the benchmark's job.
 */
describe('the benchmark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures every figure and its limit, writes its report, and cleans up after itself', async () => {
    const streams = async () => {
      const nc = await connect({ servers: SHARED_NATS });
      try {
        const names: string[] = [];
        for await (const s of (await jetstreamManager(nc)).streams.list()) names.push(s.config.name);
        return names.filter((n) => /BENCH/.test(n));
      } finally {
        await nc.close();
      }
    };
    const roles = async () =>
      (await query<{ rolname: string }>('postgres', "SELECT rolname FROM pg_roles WHERE rolname LIKE 'bench\\_%'")).map((r) => r.rolname);
    const databases = async () =>
      (await query<{ datname: string }>('postgres', "SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_%'")).map(
        (r) => r.datname,
      );
    const [streamsBefore, databasesBefore, rolesBefore] = [await streams(), await databases(), await roles()];

    const docs = join(dir, 'benchmarks.md');
    const { stdout } = await execFileAsync(
      process.execPath,
      ['dist/scripts/bench.js', '--scale', '0.05', '--rounds', '1', '--json-dir', join(dir, 'json'), '--docs', docs],
      { env: { ...process.env, NATS_URL: SHARED_NATS }, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toContain(`wrote ${join(dir, 'json')}`);
    const [file] = readdirSync(join(dir, 'json'));
    const report = JSON.parse(readFileSync(join(dir, 'json', file), 'utf8')) as {
      limits: Figure[];
      figures: Figure[];
      latency: Record<string, { p50: number; p99: number; sent: number }>;
      residentMiB: { idle: Record<string, number> };
    };
    expect(report.limits).toHaveLength(6);
    expect(report.figures.map((f) => f.figure)).toEqual([
      expect.stringMatching(/^delivery/),
      expect.stringMatching(/^referrals end to end/),
      expect.stringMatching(/^backlog of \d+/),
      expect.stringMatching(/^projections rebuild \([1-9]\d* events\)/),
      'POST /cases, empty register',
      expect.stringMatching(/^POST \/cases, [1-9]\d* victims on file/),
      expect.stringMatching(/^import of a \d+-row register/),
    ]);
    for (const f of [...report.limits, ...report.figures]) {
      expect({ figure: f.figure, measured: f.value.median > 0 && Number.isFinite(f.value.median) }).toEqual({
        figure: f.figure,
        measured: true,
      });
      if (f.limit) expect({ figure: f.figure, limit: f.limit.value.median > 0 }).toEqual({ figure: f.figure, limit: true });
    }
    expect(Object.keys(report.latency)).toEqual(['5', '20', '50']);
    for (const l of Object.values(report.latency)) expect(l.p99).toBeGreaterThanOrEqual(l.p50);
    expect(Object.keys(report.residentMiB.idle).sort()).toEqual(['intake', 'reporting', 'shelter']);
    expect(readFileSync(docs, 'utf8')).toMatch(/^# Benchmarks[\s\S]*\| referrals end to end/);

    expect(await streams()).toEqual(streamsBefore);
    expect(await databases()).toEqual(databasesBefore);
    expect(await roles()).toEqual(rolesBefore);
  }, 420_000);
});
