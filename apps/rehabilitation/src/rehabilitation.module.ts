import { DynamicModule, Module } from '@nestjs/common';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';

/**
 * Social rehabilitation and spiritual guidance. For now the shared referral inbox only:
 * receive, accept, decline with a reason, complete with the provider's note.
 */
@Module({})
export class RehabilitationModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: RehabilitationModule,
      imports: [ServiceNodeModule.forRoot({ config, completion: 'endpoint', migrations: [] })],
    };
  }
}
