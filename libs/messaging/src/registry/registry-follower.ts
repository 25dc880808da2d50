import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { MessagingConfig } from '../messaging.config.js';
import { AGENCY_REGISTRY, MESSAGING_CONFIG } from '../messaging.constants.js';
import type { AgencyRegistry } from './agency-registry.js';

/** A running node follows its signed registry file: an update the PPA office signed is taken without a restart. */
@Injectable()
export class RegistryFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('AgencyRegistry');
  private stop?: () => void;

  constructor(
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(AGENCY_REGISTRY) private readonly registry: AgencyRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.agencyRegistry || this.config.passive) return;
    this.stop = this.registry.follow(this.config.agencyRegistry, (message, taken) =>
      taken ? this.log.log(message) : this.log.warn(message),
    );
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }
}
