import { DynamicModule, Module, Type } from '@nestjs/common';
import { NodeCoreModule, type NodeConfig } from '@rujukan/platform';
import { ReferralPersonErased1763900000950 } from './erase-after-retention/erase-after-retention.migration.js';
import { ServiceNodeLegalHold1763900000900 } from './erase-victim/erasure.migration.js';
import { IncomingReferral } from './referral-inbox/incoming-referral.entity.js';
import {
  ReferralAssignee1763900000300,
  ReferralDeclineCode1763900000727,
  ReferralInbox1763900000100,
  ReferralStatisticsForgotten1763900000800,
  ReferralStatisticsIds1763900000400,
} from './referral-inbox/referral-inbox.migration.js';
import { ReferralInboxModule, type ReferralInboxOptions } from './referral-inbox/referral-inbox.module.js';

export interface ServiceNodeOptions {
  config: NodeConfig;
  /** See ReferralInboxOptions: who completes a referral, and who receives one. */
  completion: ReferralInboxOptions['completion'];
  receiving?: ReferralInboxOptions['receiving'];
  /** The node's own entities, migrations and feature modules. */
  entities?: Function[];
  migrations?: Function[];
  imports?: Array<Type | DynamicModule>;
  /** Which columns of the node's own entities hold free text about her: sealed with their referral's data key (SEALED_RECORDS). */
  sealed?: ReferralInboxOptions['sealed'];
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
          migrations: [
            ReferralInbox1763900000100,
            ReferralAssignee1763900000300,
            ReferralStatisticsIds1763900000400,
            ReferralDeclineCode1763900000727,
            ReferralStatisticsForgotten1763900000800,
            ServiceNodeLegalHold1763900000900,
            ReferralPersonErased1763900000950,
            ...(options.migrations ?? []),
          ],
        }),
        ReferralInboxModule.forRoot({
          completion: options.completion,
          receiving: options.receiving ?? 'inbox',
          sealed: options.sealed,
          settings: { agencyId: options.config.messaging.agency, timeZone: options.config.timeZone },
        }),
        ...(options.imports ?? []),
      ],
    };
  }
}
