import { addressedStream, consumerNames } from '@rujukan/messaging';
import { buildSubject } from '@rujukan/contracts';
import type { Network } from '../network/start-network.js';
import type { TcpProxy } from '../network/tcp-proxy.js';
import type { ChaosBus } from './bus.js';
import { sleep } from './driver.js';
import type { Databases } from './databases.js';
import type { Random } from './random.js';

/** Every kind of fault a run injects; each must fire at least once, or the run fails. */
export const FAULT_KINDS = [
  'node-sigkill',
  'nats-sigterm',
  'nats-sigkill',
  'nats-sigkill-while-outbox-flushes',
  'database-link-cut',
  'reporting-restart-within-ack-wait-during-backlog',
  'deliberate-dead-letter',
] as const;
export const CLUSTER_FAULT_KINDS = [...FAULT_KINDS, 'stream-leader-kill'] as const;
export type FaultKind = (typeof CLUSTER_FAULT_KINDS)[number];

export interface FaultContext {
  network: Network;
  bus: ChaosBus;
  proxies: Map<string, TcpProxy>;
  databases: Databases;
  random: Random;
  stream: string;
  prefix: string;
  ackWaitMs: number;
  log: (line: string) => void;
}

export interface FaultRecord {
  kind: FaultKind;
  at: number;
  detail: string;
  fired: boolean;
}

/**
 * Injects faults at points of the run drawn from the seed (after so many
 * referrals), one at a time, each undone before the next: the bus and the
 * nodes are always brought back, and the run then checks nothing was lost.
 */
export class FaultSchedule {
  readonly records: FaultRecord[] = [];
  private readonly triggers: Array<{ after: number; kind: FaultKind }>;
  private position = 0;

  constructor(
    private readonly ctx: FaultContext,
    kinds: readonly FaultKind[],
    referrals: number,
  ) {
    // Every kind once per round; a round per 300 referrals; points spread over the first 85 % of the run.
    const rounds = Math.max(1, Math.floor(referrals / 300));
    const sequence = Array.from({ length: rounds }, () => ctx.random.shuffle(kinds)).flat();
    const points = sequence.map(() => Math.floor(referrals * (0.05 + 0.8 * ctx.random.next()))).sort((a, b) => a - b);
    this.triggers = sequence.map((kind, i) => ({ kind, after: points[i] }));
  }

  /** The referral count at which the next fault is due (Infinity when all have run). */
  get nextDue(): number {
    return this.triggers[this.position]?.after ?? Infinity;
  }

  get planned(): ReadonlyArray<{ after: number; kind: FaultKind }> {
    return this.triggers;
  }

  /** Runs the faults in order as the run's progress reaches each; returns when all have run or `stop` says so. */
  async run(progress: () => number, stop: () => boolean): Promise<void> {
    while (this.position < this.triggers.length && !stop()) {
      const { kind, after } = this.triggers[this.position];
      if (progress() < after) {
        await sleep(100);
        continue;
      }
      const at = Date.now();
      const [fired, detail] = await this.inject(kind).catch((err: unknown): [boolean, string] => [
        false,
        `failed: ${err instanceof Error ? err.message : String(err)}`,
      ]);
      this.records.push({ kind, at, detail, fired });
      this.ctx.log(`fault ${kind} after ${after} referrals: ${fired ? 'fired' : 'DID NOT FIRE'} (${detail})`);
      this.position++;
    }
  }

  private async inject(kind: FaultKind): Promise<[boolean, string]> {
    const { network, bus, random } = this.ctx;
    switch (kind) {
      case 'node-sigkill': {
        const name = random.pick([...network.nodes.keys()]);
        await network.stopNode(name, 'SIGKILL');
        const down = random.int(500, 3000);
        await sleep(down);
        await this.startNode(name);
        return [true, `${name} killed, restarted after ${down} ms`];
      }
      case 'nats-sigterm':
      case 'nats-sigkill': {
        const signal = kind === 'nats-sigterm' ? 'SIGTERM' : 'SIGKILL';
        await this.allServers(signal);
        const down = random.int(1000, 4000);
        await sleep(down);
        await this.restartAll();
        return [true, `${bus.size} server(s) ${signal}, restarted after ${down} ms`];
      }
      case 'nats-sigkill-while-outbox-flushes':
        return this.killWhileFlushing();
      case 'database-link-cut': {
        const name = random.pick([...this.ctx.proxies.keys()]);
        const proxy = this.ctx.proxies.get(name)!;
        const cut = random.int(5000, 15000);
        await proxy.down();
        await sleep(cut);
        await proxy.up();
        return [true, `${name}'s database link cut for ${cut} ms`];
      }
      case 'reporting-restart-within-ack-wait-during-backlog':
        return this.reportingRestart();
      case 'deliberate-dead-letter': {
        // An event that can never succeed (not JSON), on the shelter's inbox subject: it must be dead-lettered, once.
        const intake = network.nodes.get('intake')!.agency;
        const shelter = network.nodes.get('shelter')!.agency;
        await bus.publishRaw(
          buildSubject(this.ctx.prefix, { area: 'referral', event: 'requested', version: 1, from: intake, to: shelter }),
          'not json: a deliberate poison message',
        );
        return [true, `one unreadable event to ${shelter}`];
      }
      case 'stream-leader-kill': {
        // The leader of the shelter's inbox stream, the busiest of the agencies' streams (each stream has its own leader).
        const stream = addressedStream(this.ctx.stream, network.nodes.get('shelter')!.agency);
        const leader = await bus.streamLeader(stream);
        if (leader === undefined) return [false, `no leader found for ${stream}`];
        await bus.kill(leader, 'SIGKILL');
        const down = random.int(8000, 12000);
        await sleep(down);
        await bus.restart(leader);
        return [true, `leader of ${stream}, ${bus.nameOf(leader)}, killed, back after ${down} ms`];
      }
    }
  }

  /** The kill times of the stream leader (for the stall measurement). */
  leaderKills(): number[] {
    return this.records.filter((r) => r.kind === 'stream-leader-kill' && r.fired).map((r) => r.at);
  }

  /**
   * An outage lets the outboxes fill; when the bus is back the bus is killed again as soon as some of the
   * waiting events have gone out and others have not: in the middle of the flush. Up to three tries.
   */
  private async killWhileFlushing(): Promise<[boolean, string]> {
    const { random, databases } = this.ctx;
    const tries: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await this.allServers('SIGKILL');
      await sleep(random.int(4000, 8000));
      const waiting = await databases.unsentTotal();
      await this.restartAll();
      let unsent = waiting;
      const until = Date.now() + 20000;
      while (Date.now() < until && !(unsent > 0 && unsent < waiting)) {
        await sleep(20);
        unsent = await databases.unsentTotal();
        if (unsent === 0) break;
      }
      const flushing = unsent > 0 && unsent < waiting;
      await this.allServers('SIGKILL');
      await sleep(random.int(500, 2000));
      await this.restartAll();
      tries.push(`${waiting} waited, killed with ${unsent} unsent`);
      if (flushing) return [true, `${tries.join('; ')} (in the middle of the flush)`];
    }
    return [false, `${tries.join('; ')}: never caught in the middle of a flush`];
  }

  private async reportingRestart(): Promise<[boolean, string]> {
    const { network, bus, stream, ackWaitMs } = this.ctx;
    const consumer = consumerNames(network.nodes.get('reporting')!.agency).broadcast;
    const info = async () => (await bus.manager()).consumers.info(stream, consumer).catch(() => undefined);
    // A backlog: reporting is away while intake keeps broadcasting.
    await network.stopNode('reporting', 'SIGKILL');
    const until = Date.now() + 15000;
    while (Date.now() < until && ((await info())?.num_pending ?? 0) < 20) await sleep(250);
    await this.startNode('reporting');
    // Killed while it works through the backlog with events in flight, restarted at once: inside the ack wait.
    const busyUntil = Date.now() + 10000;
    let seen = await info();
    while (Date.now() < busyUntil && (seen?.num_ack_pending ?? 0) === 0) {
      await sleep(50);
      seen = await info();
    }
    const t0 = Date.now();
    await network.stopNode('reporting', 'SIGKILL');
    await this.startNode('reporting');
    const restartMs = Date.now() - t0;
    const backlog = (seen?.num_pending ?? 0) + (seen?.num_ack_pending ?? 0);
    return [
      backlog > 0 && (seen?.num_ack_pending ?? 0) > 0 && restartMs < ackWaitMs,
      `killed with ${seen?.num_ack_pending ?? 0} in flight and ${seen?.num_pending ?? 0} pending; back in ${restartMs} ms (ack wait ${ackWaitMs} ms)`,
    ];
  }

  private async startNode(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ctx.network.startNode(name);
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        this.ctx.log(`restart of ${name} failed (${err instanceof Error ? err.message : String(err)}); again`);
        await sleep(1000);
      }
    }
  }

  private async allServers(signal: NodeJS.Signals): Promise<void> {
    await Promise.all(Array.from({ length: this.ctx.bus.size }, (_, i) => this.ctx.bus.kill(i, signal)));
  }

  private async restartAll(): Promise<void> {
    await Promise.all(Array.from({ length: this.ctx.bus.size }, (_, i) => this.ctx.bus.restart(i)));
  }
}
