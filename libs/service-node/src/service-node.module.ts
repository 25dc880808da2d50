import { DynamicModule, Module, Type } from '@nestjs/common';
import { NodeCoreModule, type NodeConfig } from '@rujukan/platform';
import { IncomingReferral } from './referral-inbox/incoming-referral.entity.js';
import { ReferralAssignee1763900000300, ReferralInbox1763900000100, ReferralStatisticsIds1763900000400 } from './referral-inbox/referral-inbox.migration.js';
import { serviceNodeSettingsFromEnv } from './service-records/service-node.settings.js';
import { ReferralInboxModule } from './referral-inbox/referral-inbox.module.js';

export interface ServiceNodeOptions {
  config: NodeConfig;
  completion: 'endpoint' | 'by-node';
  /** The node's own entities, migrations and feature modules. */
  entities?: Function[];
  migrations?: Function[];
  imports?: Array<Type | DynamicModule>;
  /** Environment for the node's own settings (NODE_TIME_ZONE); default process.env. */
  env?: Record<string, string | undefined>;
}

/** Everything a service node (shelter, health, rehabilitation, legal-aid, reintegration) stands on. */
@Module({})
export class ServiceNodeModule {
  static forRoot(options: ServiceNodeOptions): DynamicModule {
    return {
      module: ServiceNodeModule,
      imports: [
        NodeCoreModule.forRoot({
          config: options.config,
          entities: [IncomingReferral, ...(options.entities ?? [])],
          migrations: [ReferralInbox1763900000100, ReferralAssignee1763900000300, ReferralStatisticsIds1763900000400, ...(options.migrations ?? [])],
        }),
        ReferralInboxModule.forRoot({
          completion: options.completion,
          settings: serviceNodeSettingsFromEnv(options.config.messaging.agency, options.env ?? process.env),
        }),
        ...(options.imports ?? []),
      ],
    };
  }
}
