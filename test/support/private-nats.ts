import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeFixedPort, waitForPort } from './ports.js';

const BINARY = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

/**
 * A nats-server of the test's own, on a free loopback port with its own
 * JetStream store, so a test can stop the bus without touching the shared one.
 */
export class PrivateNats {
  private process?: ChildProcess;
  readonly storeDir = mkdtempSync(join(tmpdir(), 'rujukan-nats-'));

  private constructor(
    readonly port: number,
    /** A server configuration file (`nats-server -c`); the loopback address and port still come from here. */
    private readonly config?: string,
  ) {}

  static async start(options: { config?: string; port?: number } = {}): Promise<PrivateNats> {
    const nats = await PrivateNats.create(options);
    await nats.start();
    return nats;
  }

  /** A server not started yet (a cluster's servers, started one by one). */
  static async create(options: { config?: string; port?: number } = {}): Promise<PrivateNats> {
    return new PrivateNats(options.port ?? (await freeFixedPort()), options.config);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // A configuration names its own JetStream store.
    const store = this.config ? ['-c', this.config] : ['-js', '-sd', this.storeDir];
    this.process = spawn(BINARY, [...store, '-a', '127.0.0.1', '-p', String(this.port)], {
      stdio: 'ignore',
    });
    await waitForPort(this.port);
  }

  /** Makes the server read its configuration again (as `nats-server --signal reload` does). */
  reload(): void {
    this.process?.kill('SIGHUP');
  }

  /** Stops the server (SIGTERM lets JetStream flush its store). */
  async stop(): Promise<void> {
    const p = this.process;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
    this.process = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}
