import { DynamicModule, Module } from '@nestjs/common';
import { BusConnection } from './bus-connection.js';
import { DirectoryAnnouncer } from './directory/directory-announcer.js';
import { BroadcastReplay } from './replay/broadcast-replay.js';
import { DeadLetterService } from './dead-letters/dead-letter.service.js';
import { MessagingConfig } from './messaging.config.js';
import { AGENCY_REGISTRY, MESSAGING_CONFIG, TRANSPORT_HOOKS } from './messaging.constants.js';
import { EnvelopeProtection } from './keys/envelope-protection.js';
import { DataKeys } from './keys/data-keys.js';
import { NodeKeys } from './keys/node-keys.js';
import { AgencyRegistry } from './registry/agency-registry.js';
import { RegistryFollower } from './registry/registry-follower.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { MessagingMetrics } from './operations/messaging-metrics.js';
import { MessagingStateQuery } from './operations/messaging-state.query.js';
import { NodeReporter } from './operations/node-report.js';
import { UnitOfWork } from './transaction/unit-of-work.js';
import { EventApplier } from './transport/apply-event.js';
import { DeadLetterStore } from './transport/dead-letter-store.js';
import { JetStreamTransport } from './transport/jetstream.transport.js';
import { Receipts } from './transport/receipts.js';
import type { TransportHooks } from './transport/transport-hooks.js';

/**
 * Durable messaging for one node. Needs TypeORM's DataSource (with
 * MESSAGING_ENTITIES and MESSAGING_MIGRATIONS) in the same application. Start
 * consuming with `app.connectMicroservice({ strategy: app.get(JetStreamTransport) })`.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: { config: MessagingConfig; hooks?: TransportHooks; registry?: AgencyRegistry }): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_CONFIG, useValue: options.config },
        { provide: TRANSPORT_HOOKS, useValue: options.hooks ?? {} },
        // Read at start: a node without a readable registry does not start.
        {
          provide: AGENCY_REGISTRY,
          useFactory: () => options.registry ?? AgencyRegistry.load(options.config),
        },
        // The node's key file is made at its first start; every emit and every delivery goes through this.
        {
          provide: EnvelopeProtection,
          useFactory: (registry: AgencyRegistry) =>
            new EnvelopeProtection(
              registry,
              options.config.nodeKeyFile ? NodeKeys.loadOrCreate(options.config.nodeKeyFile) : null,
              options.config.agency,
            ),
          inject: [AGENCY_REGISTRY],
        },
        // The victims' data keys, wrapped by the key file's master key (absent: values in plain, a trial without keys).
        {
          provide: DataKeys,
          useFactory: () => new DataKeys(options.config.nodeKeyFile ? NodeKeys.loadOrCreate(options.config.nodeKeyFile).masterKey : null),
        },
        BusConnection,
        OutboxRelay,
        UnitOfWork,
        Receipts,
        DeadLetterStore,
        EventApplier,
        JetStreamTransport,
        DeadLetterService,
        DirectoryAnnouncer,
        BroadcastReplay,
        RegistryFollower,
        MessagingMetrics,
        MessagingStateQuery,
        NodeReporter,
      ],
      exports: [
        MESSAGING_CONFIG,
        EnvelopeProtection,
        DataKeys,
        AGENCY_REGISTRY,
        BusConnection,
        UnitOfWork,
        JetStreamTransport,
        DeadLetterService,
        OutboxRelay,
        DirectoryAnnouncer,
        BroadcastReplay,
        MessagingMetrics,
        MessagingStateQuery,
      ],
    };
  }
}
