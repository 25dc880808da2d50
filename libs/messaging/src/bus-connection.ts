import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { jetstream, jetstreamManager, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator } from '@nats-io/transport-node';
import { jetstreamReady } from './jetstream-ready.js';
import { agencyInboxPrefix, type MessagingConfig } from './messaging.config.js';
import { MESSAGING_CONFIG } from './messaging.constants.js';

/**
 * The node's one connection to the bus. It is opened in the background so the
 * node starts and serves HTTP while the bus is down, and it never stops
 * reconnecting (the client's default gives up after ten attempts).
 */
@Injectable()
export class BusConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BusConnection.name);
  private nc?: NatsConnection;
  private connecting?: Promise<NatsConnection>;
  private up = false;
  private closed = false;

  constructor(@Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig) {}

  onModuleInit(): void {
    if (this.config.passive) return;
    void this.connection().catch((err) => this.logger.error(`bus connection failed for good: ${describe(err)}`));
  }

  /** True while the client holds a live connection to a server. */
  get isConnected(): boolean {
    return this.up && !this.closed;
  }

  /** Resolves once connected (waits through any outage). */
  connection(): Promise<NatsConnection> {
    if (this.closed) return Promise.reject(new Error('bus connection closed'));
    this.connecting ??= this.open();
    return this.connecting;
  }

  async jetstream(): Promise<JetStreamClient> {
    return jetstream(await this.connection());
  }

  async manager(): Promise<JetStreamManager> {
    return jetstreamManager(await this.connection());
  }

  /**
   * The manager once JetStream answers, for the node's start: a cluster that
   * has just come back answers nothing until it has elected its meta leader.
   */
  async readyManager(): Promise<JetStreamManager> {
    return jetstreamReady(await this.connection());
  }

  private async open(): Promise<NatsConnection> {
    const c = this.config;
    const nc = await connect({
      servers: c.servers,
      name: `${c.agency}/${c.node}`,
      // An agency's credentials allow replies only under its own inbox prefix.
      ...(c.credsFile ? { authenticator: credsAuthenticator(readFileSync(c.credsFile)) } : { user: c.user, pass: c.password }),
      ...(c.caFile ? { tls: { caFile: c.caFile } } : {}),
      inboxPrefix: c.inboxPrefix ?? (c.credsFile ? agencyInboxPrefix(c.agency) : undefined),
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: c.reconnectWaitMs,
    }).catch((err: unknown) => {
      throw refusal(err, c) ?? err;
    });
    this.nc = nc;
    this.up = true;
    this.logger.log(`connected to the bus at ${nc.getServer()}`);
    void this.watch(nc);
    if (this.closed) await nc.close();
    return nc;
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        this.up = false;
        this.logger.warn('bus disconnected; reconnecting without limit');
      } else if (s.type === 'reconnect') {
        this.up = true;
        this.logger.log('bus reconnected');
      } else if (s.type === 'close') {
        this.up = false;
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.up = false;
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    // Drain lets in-flight acks and publishes finish; a dead bus cannot drain, so close.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([nc.drain().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
    if (!nc.isClosed()) await nc.close();
  }
}

/** An error's class and code, never its message: messages may quote data. */
export function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { name?: string; code?: string | number; constructor?: { name?: string } };
    const name = e.name ?? e.constructor?.name ?? 'Error';
    return e.code !== undefined ? `${name} (${e.code})` : name;
  }
  return typeof err;
}

/** A bus that refuses this node's credentials or certificate will not change its mind: say what the node needs. */
export class BusRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BusRefusedError';
  }
}

function refusal(err: unknown, c: MessagingConfig): BusRefusedError | undefined {
  const text = describe(err);
  if (/authorization|authentication|user.*revoked/i.test(text)) {
    return new BusRefusedError(
      `the bus refused this node (${text}): ${c.credsFile ? `the creds file ${c.credsFile} is not valid for agency ${c.agency} (revoked, or from another network)` : `set NATS_CREDS to the creds file the bus team issued to agency ${c.agency}`}, and NATS_CA to the network's CA certificate`,
    );
  }
  if (/certificate|self.signed|TLS/i.test(text)) {
    return new BusRefusedError(
      `cannot verify the bus's TLS certificate (${text}): set NATS_CA to the network's CA certificate (tls/ca.pem from the bus team)`,
    );
  }
  return undefined;
}
