import { DynamicModule, Module } from '@nestjs/common';
import type { NodeConfig } from '@rujukan/platform';
import { ServiceNodeModule } from '@rujukan/service-node';

/**
 * Health services (Puskesmas, hospital PPT/PKT). For now the shared referral inbox only:
 * receive, accept, decline with a reason, complete with the provider's note.
 */
@Module({})
export class HealthModule {
  static register(config: NodeConfig): DynamicModule {
    return {
      module: HealthModule,
      imports: [ServiceNodeModule.forRoot({ config, completion: 'endpoint', migrations: [] })],
    };
  }
}
