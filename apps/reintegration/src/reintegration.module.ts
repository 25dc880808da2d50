import { DynamicModule, Module } from '@nestjs/common';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';

/**
 * Repatriation and social reintegration. For now the shared referral inbox only:
 * receive, accept, decline with a reason, complete with the provider's note.
 */
@Module({})
export class ReintegrationModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: ReintegrationModule,
      imports: [ServiceNodeModule.forRoot({ config, completion: 'endpoint', migrations: [] })],
    };
  }
}
