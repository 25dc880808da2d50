import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { BusConnection } from '../bus-connection.js';
import type { MessagingConfig } from '../messaging.config.js';
import { AGENCY_REGISTRY, MESSAGING_CONFIG } from '../messaging.constants.js';
import type { AgencyRegistry } from './agency-registry.js';
import { readRegistryFromBus } from './registry-on-bus.js';

/**
 * A running node follows its signed registry: the file (AGENCY_REGISTRY) and
 * the bus's copy, which it reads at start and then every REGISTRY_POLL_MS.
 * An update the PPA office signed is taken without a restart, from either.
 */
@Injectable()
export class RegistryFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AgencyRegistry');
  private stopFile?: () => void;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private lastBusProblem?: string;

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(AGENCY_REGISTRY) private readonly registry: AgencyRegistry,
    private readonly bus: BusConnection,
  ) {}

  onApplicationBootstrap(): void {
    const source = this.config.agencyRegistry;
    if (!source || this.config.passive) return;
    this.stopFile = this.registry.follow(source, (message, taken) => this.report(message, taken));
    const poll = () => {
      this.polling = this.readBus(source.keyPath).finally(() => {
        this.timer = setTimeout(poll, this.config.registryPollMs);
        this.timer.unref();
      });
    };
    poll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopFile?.();
    clearTimeout(this.timer);
    await this.polling;
  }

  private async readBus(keyPath: string): Promise<void> {
    if (!this.bus.isConnected) return;
    try {
      const text = await readRegistryFromBus(await this.bus.connection(), this.config.stream);
      this.lastBusProblem = undefined;
      if (text) this.registry.offer(text, readFileSync(keyPath, 'utf8'), "the bus's copy of the registry", (m, t) => this.report(m, t));
    } catch (err) {
      // Said once per kind of problem: a bus without the registry bucket (not provisioned since) keeps saying the same.
      const problem = err instanceof Error ? err.message : String(err);
      if (problem !== this.lastBusProblem)
        this.log.warn(`cannot read the registry's copy on the bus (${problem}); using version ${this.registry.signedVersion}`);
      this.lastBusProblem = problem;
    }
  }

  private report(message: string, taken: boolean): void {
    if (taken) this.log.log(message);
    else this.log.warn(message);
  }
}
